/* viva-interview-plan-list.c
 *
 * The questions of an interview's plan as a boxed list, one row per
 * question: its number in the bank, its text, its budget in minutes,
 * and buttons to move it up, down or out of the plan. The list box is
 * bound to the interview, the #GListModel of its items, and each row's
 * budget to its item's "budget"; the rows edit the interview in place.
 *
 * The rows can also be reordered by dragging one onto another (a mark
 * shows where it lands), or with Alt+Up / Alt+Down on a focused row;
 * Delete removes the focused row. The keyboard stays on a row that
 * moves, and goes to its neighbour when it is removed.
 *
 * The rows show the questions as the open bank writes them: the list
 * follows its context's "bank".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-plan-list.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)
#define BUDGET_MAX_MINUTES 600

struct _VivaInterviewPlanList
{
  GtkWidget      parent_instance;

  /* Owned */
  VivaContext   *context;
  GSignalGroup  *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank      *bank;
  VivaInterview *interview;
  GdkDrag       *drag;

  /* Template widgets */
  GtkListBox    *list_box;

  int            drag_x;
  int            drag_y;
};

G_DEFINE_FINAL_TYPE (VivaInterviewPlanList, viva_interview_plan_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INTERVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EMPTIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
plan_is_editable (VivaInterviewPlanList *self)
{
  return self->interview != NULL && viva_interview_get_plan_editable (self->interview);
}

static int
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
viva_interview_plan_list_focus_row (VivaInterviewPlanList *self,
                                    guint                  index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, index);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
viva_interview_plan_list_move (VivaInterviewPlanList *self,
                               guint                  from,
                               guint                  to,
                               gboolean               keep_focus)
{
  if (self->interview == NULL || !viva_interview_move (self->interview, from, to))
    return;

  /* The moved row was built anew: keep the keyboard on it. */
  if (keep_focus)
    viva_interview_plan_list_focus_row (self, to);
}

static void
viva_interview_plan_list_remove (VivaInterviewPlanList *self,
                                 guint                  index,
                                 gboolean               keep_focus)
{
  guint n;

  if (self->interview == NULL || !viva_interview_remove (self->interview, index))
    return;

  if (!keep_focus)
    return;

  n = viva_interview_get_n_items (self->interview);
  if (n > 0)
    viva_interview_plan_list_focus_row (self, MIN (index, n - 1));
  else
    g_signal_emit (self, signals[EMPTIED], 0);
}

/* The row buttons act on their own row, wherever it has moved to: an
 * action target would have to follow every move. */
static void
move_up_clicked_cb (GtkButton             *button,
                    VivaInterviewPlanList *self)
{
  int index = row_index (GTK_WIDGET (button));

  if (index > 0)
    viva_interview_plan_list_move (self, index, index - 1, TRUE);
}

static void
move_down_clicked_cb (GtkButton             *button,
                      VivaInterviewPlanList *self)
{
  int index = row_index (GTK_WIDGET (button));

  if (index >= 0)
    viva_interview_plan_list_move (self, index, index + 1, TRUE);
}

static void
remove_clicked_cb (GtkButton             *button,
                   VivaInterviewPlanList *self)
{
  int index = row_index (GTK_WIDGET (button));

  if (index >= 0)
    viva_interview_plan_list_remove (self, index, TRUE);
}

/* A budget shows in whole minutes, rounded. */
static int
budget_to_minutes (gint64 budget)
{
  return (int) ((budget + MINUTE / 2) / MINUTE);
}

static gboolean
budget_to_spin_value (GBinding     *binding,
                      const GValue *from_value,
                      GValue       *to_value,
                      gpointer      user_data)
{
  g_value_set_double (to_value, budget_to_minutes (g_value_get_int64 (from_value)));

  return TRUE;
}

static void
item_budget_changed_cb (GtkSpinButton         *spin,
                        VivaInterviewPlanList *self)
{
  int index = row_index (GTK_WIDGET (spin));
  int minutes = gtk_spin_button_get_value_as_int (spin);
  VivaInterviewItem *item;

  if (self->interview == NULL || index < 0)
    return;

  /* The binding from the item sets the minutes the item already has: a
   * budget that is not a whole number of minutes stays as it is until
   * the interviewer changes it. */
  item = viva_interview_get_item (self->interview, index);
  if (budget_to_minutes (viva_interview_item_get_budget (item)) == minutes)
    return;

  viva_interview_set_item_budget (self->interview, index, (gint64) minutes * MINUTE);
}

/* Dragging a row onto another moves it there. */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource         *source,
                 double                 x,
                 double                 y,
                 VivaInterviewPlanList *self)
{
  int index = row_index (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));

  if (index < 0 || !plan_is_editable (self))
    return NULL;

  /* The row follows the pointer from where it was grabbed. */
  self->drag_x = (int) x;
  self->drag_y = (int) y;

  return gdk_content_provider_new_typed (G_TYPE_UINT, (guint) index);
}

static void
drag_begin_cb (GtkDragSource         *source,
               GdkDrag               *drag,
               VivaInterviewPlanList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *icon_list = gtk_list_box_new ();
  GtkWidget *icon_row = adw_action_row_new ();

  /* The row's look, in a list of its own: a boxed list draws the rows'
   * background, so a picture of the row alone would be see-through. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (icon_row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (icon_row),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (icon_row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (icon_row), gtk_image_new_from_icon_name ("list-drag-handle-symbolic"));
  gtk_list_box_append (GTK_LIST_BOX (icon_list), icon_row);
  gtk_widget_add_css_class (icon_list, "boxed-list");
  gtk_widget_set_size_request (icon_list, gtk_widget_get_width (row), gtk_widget_get_height (row));
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), icon_list);
  gdk_drag_set_hotspot (drag, self->drag_x, self->drag_y);

  g_set_object (&self->drag, drag);
  gtk_widget_add_css_class (row, "viva-dragged");
}

static void
drag_end_cb (GtkDragSource         *source,
             GdkDrag               *drag,
             gboolean               delete_data,
             VivaInterviewPlanList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  /* After a drop the row was rebuilt at its new place, and this one is
   * gone. */
  if (row != NULL)
    gtk_widget_remove_css_class (row, "viva-dragged");
  if (self->drag == drag)
    g_clear_object (&self->drag);
}

static void
clear_drop_marks (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "viva-drop-before");
  gtk_widget_remove_css_class (row, "viva-drop-after");
}

/* Only our own rows' drags: a number from elsewhere is not a row. */
static gboolean
drop_is_ours (VivaInterviewPlanList *self,
              GtkDropTarget         *target)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);

  return drop != NULL && self->drag != NULL && gdk_drop_get_drag (drop) == self->drag;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget         *target,
                double                 x,
                double                 y,
                VivaInterviewPlanList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);
  int to = row_index (row);

  clear_drop_marks (row);

  if (!drop_is_ours (self, target) || to < 0)
    return 0;

  /* The row lands where this one is: above it when it comes from below,
   * below it when it comes from above. */
  if (value != NULL && G_VALUE_HOLDS_UINT (value))
    {
      guint from = g_value_get_uint (value);

      if (from == (guint) to)
        return GDK_ACTION_MOVE;

      gtk_widget_add_css_class (row, from > (guint) to ? "viva-drop-before" : "viva-drop-after");
    }

  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget         *target,
               VivaInterviewPlanList *self)
{
  clear_drop_marks (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
}

static gboolean
drop_cb (GtkDropTarget         *target,
         const GValue          *value,
         double                 x,
         double                 y,
         VivaInterviewPlanList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  int to = row_index (row);

  clear_drop_marks (row);

  if (!drop_is_ours (self, target) || to < 0 || !G_VALUE_HOLDS_UINT (value))
    return FALSE;

  viva_interview_plan_list_move (self, g_value_get_uint (value), to, TRUE);

  return TRUE;
}

/* Rows */

static GtkWidget *
add_row_button (AdwActionRow          *row,
                const char            *icon_name,
                const char            *label,
                GCallback              callback,
                VivaInterviewPlanList *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect (button, "clicked", callback, self);
  adw_action_row_add_suffix (row, button);

  return button;
}

/* The question as it reads everywhere: its code in monospace. */
static void
viva_interview_plan_list_set_row_title (VivaInterviewPlanList   *self,
                                        GtkWidget               *row,
                                        VivaInterviewItem *item)
{
  g_autofree char *markup = viva_bank_dup_question_markup (self->bank, viva_interview_get_bank (self->interview),
                                                           viva_interview_item_get_number (item), viva_interview_item_get_text (item));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
}

static GtkWidget *
viva_interview_plan_list_create_row (gpointer item_ptr,
                                     gpointer user_data)
{
  VivaInterviewPlanList *self = user_data;
  VivaInterviewItem *item = item_ptr;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *budget = gtk_spin_button_new_with_range (0, BUDGET_MAX_MINUTES, 1);
  GtkWidget *unit = gtk_label_new (_("min"));
  GtkWidget *budget_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

  gtk_widget_add_css_class (row, "viva-plan-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  viva_interview_plan_list_set_row_title (self, row, item);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, viva_interview_item_get_text (item));

  if (viva_interview_item_get_number (item) > 0)
    {
      g_autofree char *text = g_strdup_printf ("#%u", viva_interview_item_get_number (item));

      gtk_label_set_text (GTK_LABEL (number), text);
    }
  gtk_label_set_width_chars (GTK_LABEL (number), 5);
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");

  /* Prefixes are packed from the title outwards. */
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (budget), TRUE);
  g_object_bind_property_full (item, "budget", budget, "value", G_BINDING_SYNC_CREATE,
                               budget_to_spin_value, NULL, NULL, NULL);
  gtk_widget_set_tooltip_text (budget, _("Minutes for this question; 0 for no budget"));
  if (viva_interview_item_get_number (item) > 0)
    {
      /* Translators: accessible name of a planned question's budget, with its number in the bank. */
      g_autofree char *label = g_strdup_printf (_("Budget in minutes for question %u"), viva_interview_item_get_number (item));

      gtk_accessible_update_property (GTK_ACCESSIBLE (budget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (budget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Budget in minutes for this question"),
                                    -1);
  g_signal_connect (budget, "value-changed", G_CALLBACK (item_budget_changed_cb), self);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_widget_set_valign (budget_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (budget_box, 6);
  gtk_box_append (GTK_BOX (budget_box), budget);
  gtk_box_append (GTK_BOX (budget_box), unit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), budget_box);

  g_object_set_data (G_OBJECT (row), "viva-budget", budget);
  g_object_set_data (G_OBJECT (row), "viva-up",
                     add_row_button (ADW_ACTION_ROW (row), "go-up-symbolic", _("Move Up"),
                                     G_CALLBACK (move_up_clicked_cb), self));
  g_object_set_data (G_OBJECT (row), "viva-down",
                     add_row_button (ADW_ACTION_ROW (row), "go-down-symbolic", _("Move Down"),
                                     G_CALLBACK (move_down_clicked_cb), self));
  add_row_button (ADW_ACTION_ROW (row), "user-trash-symbolic", _("Remove from Plan"),
                  G_CALLBACK (remove_clicked_cb), self);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (target, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  return row;
}

/* Up is off on the first row, down on the last. */
static void
viva_interview_plan_list_update_rows (VivaInterviewPlanList *self)
{
  guint n = self->interview != NULL ? viva_interview_get_n_items (self->interview) : 0;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

      if (row == NULL)
        break;

      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "viva-up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "viva-down"), i + 1 < n);
    }
}

/* After the list box has made the rows of a change of the plan. */
static void
interview_items_changed_cb (VivaInterviewPlanList *self,
                            guint                  position,
                            guint                  removed,
                            guint                  added,
                            GListModel            *model)
{
  viva_interview_plan_list_update_rows (self);
}

/* Keyboard: Alt+Up, Alt+Down and Delete act on the row with the focus. */

static GtkListBoxRow *
viva_interview_plan_list_get_focus_row (VivaInterviewPlanList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_get_parent (widget) == GTK_WIDGET (self->list_box))
        return GTK_LIST_BOX_ROW (widget);
    }

  return NULL;
}

static gboolean
move_focused_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  VivaInterviewPlanList *self = VIVA_INTERVIEW_PLAN_LIST (widget);
  GtkListBoxRow *row = viva_interview_plan_list_get_focus_row (self);
  int delta = args != NULL && g_variant_get_int32 (args) > 0 ? 1 : -1;
  int index;
  guint n;

  if (row == NULL || !plan_is_editable (self))
    return FALSE;

  index = gtk_list_box_row_get_index (row);
  n = viva_interview_get_n_items (self->interview);
  if (index + delta >= 0 && (guint) (index + delta) < n)
    viva_interview_plan_list_move (self, index, index + delta, TRUE);

  return TRUE;
}

static gboolean
remove_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  VivaInterviewPlanList *self = VIVA_INTERVIEW_PLAN_LIST (widget);
  GtkListBoxRow *row = viva_interview_plan_list_get_focus_row (self);

  if (row == NULL || !plan_is_editable (self))
    return FALSE;

  viva_interview_plan_list_remove (self, gtk_list_box_row_get_index (row), TRUE);

  return TRUE;
}

/* The bank the planned questions may come from, to show their code
 * as the bank writes it. */
static void
viva_interview_plan_list_bank_changed_cb (VivaInterviewPlanList *self)
{
  VivaBank *bank = self->context != NULL ? viva_context_get_bank (self->context) : NULL;

  if (!g_set_object (&self->bank, bank) || self->interview == NULL)
    return;

  for (guint i = 0; i < viva_interview_get_n_items (self->interview); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

      if (row != NULL)
        viva_interview_plan_list_set_row_title (self, GTK_WIDGET (row), viva_interview_get_item (self->interview, i));
    }
}

static void
viva_interview_plan_list_set_context (VivaInterviewPlanList *self,
                                      VivaContext           *context)
{
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  viva_interview_plan_list_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* GObject */

static void
viva_interview_plan_list_dispose (GObject *object)
{
  VivaInterviewPlanList *self = (VivaInterviewPlanList *)object;

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_PLAN_LIST);

  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);
  g_clear_object (&self->bank);
  g_clear_object (&self->drag);

  G_OBJECT_CLASS (viva_interview_plan_list_parent_class)->dispose (object);
}

static void
viva_interview_plan_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VivaInterviewPlanList *self = VIVA_INTERVIEW_PLAN_LIST (object);

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
viva_interview_plan_list_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  VivaInterviewPlanList *self = VIVA_INTERVIEW_PLAN_LIST (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_interview_plan_list_set_context (self, g_value_get_object (value));
      break;

    case PROP_INTERVIEW:
      viva_interview_plan_list_set_interview (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_plan_list_class_init (VivaInterviewPlanListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_plan_list_dispose;
  object_class->get_property = viva_interview_plan_list_get_property;
  object_class->set_property = viva_interview_plan_list_set_property;

  /**
   * VivaInterviewPlanList:context:
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

  /**
   * VivaInterviewPlanList::emptied:
   *
   * The last question was removed from a button or the keyboard while
   * it had the focus: the focus needs a place outside the list.
   */
  signals[EMPTIED] =
    g_signal_new ("emptied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, move_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_focused_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, move_focused_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, remove_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, remove_focused_cb, NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-plan-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanList, list_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivainterviewplanlist");
}

static void
viva_interview_plan_list_init (VivaInterviewPlanList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_interview_plan_list_bank_changed_cb),
                                 self, G_CONNECT_SWAPPED);
}

GtkWidget *
viva_interview_plan_list_new (void)
{
  return g_object_new (VIVA_TYPE_INTERVIEW_PLAN_LIST, NULL);
}

/* Returns: (transfer none) (nullable): the interview whose plan is shown */
VivaInterview *
viva_interview_plan_list_get_interview (VivaInterviewPlanList *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_LIST (self), NULL);

  return self->interview;
}

/**
 * viva_interview_plan_list_set_interview:
 * @interview: (nullable): the interview whose plan to show and edit
 */
void
viva_interview_plan_list_set_interview (VivaInterviewPlanList *self,
                                        VivaInterview         *interview)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_PLAN_LIST (self));
  g_return_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview));

  if (self->interview == interview)
    return;

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);

  g_set_object (&self->interview, interview);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (interview),
                           viva_interview_plan_list_create_row, self, NULL);

  /* Connected after the list box's own handler, so that the rows exist. */
  if (interview != NULL)
    g_signal_connect_object (interview, "items-changed",
                             G_CALLBACK (interview_items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  viva_interview_plan_list_update_rows (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

/* For tests */

GtkWidget *
viva_interview_plan_list_get_row (VivaInterviewPlanList *self,
                                  guint                  index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_LIST (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, index));
}

GtkSpinButton *
viva_interview_plan_list_get_row_budget (VivaInterviewPlanList *self,
                                         guint                  index)
{
  GtkWidget *row;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_LIST (self), NULL);

  row = viva_interview_plan_list_get_row (self, index);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "viva-budget") : NULL;
}
