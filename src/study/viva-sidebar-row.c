/* viva-sidebar-row.c
 *
 * One row of the sidebar tree: a level, a topic or a question. Levels and
 * topics show a small bar of how many questions are Confident, Learning
 * and New, and, after a pencil, "notes written / questions"; questions
 * show their number, a one-line title and marks for a star and for
 * notes. A question's context menu (secondary click or long press)
 * adds it to the plan of an interview; from the keyboard, Ctrl+Shift+P
 * does the same for the open question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-level.h"
#include "viva-progress.h"
#include "viva-question.h"
#include "viva-sidebar-row.h"
#include "viva-stacked-bar.h"
#include "viva-topic.h"

struct _VivaSidebarRow
{
  GtkWidget       parent_instance;

  /* Owned */
  GObject        *item;

  /* Template widgets */
  GtkBox         *box;
  GtkLabel       *number_label;
  GtkLabel       *title_label;
  GtkImage       *star_image;
  GtkImage       *note_image;
  VivaStackedBar *status_bar;
  GtkImage       *count_image;
  GtkLabel       *count_label;

  GtkWidget      *menu;
};

G_DEFINE_FINAL_TYPE (VivaSidebarRow, viva_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_sidebar_row_popup_menu (VivaSidebarRow *self,
                             double          x,
                             double          y)
{
  g_autoptr(GMenu) model = NULL;
  g_autoptr(GMenuItem) item = NULL;

  if (!VIVA_IS_QUESTION (self->item))
    return;

  model = g_menu_new ();
  item = g_menu_item_new (_("Add to _Interview Plan"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.add-question-to-interview",
                                           g_variant_new_uint32 (viva_question_get_number (VIVA_QUESTION (self->item))));
  g_menu_append_item (model, item);

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (model));

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
viva_sidebar_row_pressed_cb (VivaSidebarRow *self,
                             int             n_press,
                             double          x,
                             double          y,
                             GtkGesture     *gesture)
{
  if (!VIVA_IS_QUESTION (self->item))
    return;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  viva_sidebar_row_popup_menu (self, x, y);
}

static void
viva_sidebar_row_long_pressed_cb (VivaSidebarRow *self,
                                  double          x,
                                  double          y,
                                  GtkGesture     *gesture)
{
  viva_sidebar_row_popup_menu (self, x, y);
}

static void
viva_sidebar_row_update (VivaSidebarRow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *description = NULL;
  VivaProgressCounts counts;
  guint n_noted = 0;
  guint n_questions = 0;

  if (VIVA_IS_QUESTION (self->item))
    {
      VivaQuestion *question = VIVA_QUESTION (self->item);
      gboolean starred = viva_question_get_starred (question);
      gboolean has_note = viva_question_get_has_note (question);
      g_autofree char *number = g_strdup_printf ("%u", viva_question_get_number (question));

      gtk_label_set_text (self->number_label, number);
      gtk_label_set_text (self->title_label, viva_question_get_text (question));
      gtk_widget_set_visible (GTK_WIDGET (self->star_image), starred);
      gtk_widget_set_visible (GTK_WIDGET (self->note_image), has_note);

      /* Translators: the accessible name of a question in the sidebar:
       * number, text, then optional marks. */
      accessible = g_strdup_printf (_("Question %u: %s%s%s"),
                                    viva_question_get_number (question),
                                    viva_question_get_text (question),
                                    starred ? _(", starred") : "",
                                    has_note ? _(", has notes") : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      return;
    }

  if (VIVA_IS_LEVEL (self->item))
    {
      gtk_label_set_text (self->title_label, viva_level_get_title (VIVA_LEVEL (self->item)));
      n_noted = viva_level_get_n_noted (VIVA_LEVEL (self->item));
      n_questions = viva_level_get_n_questions (VIVA_LEVEL (self->item));
      viva_progress_counts_for_level (VIVA_LEVEL (self->item), &counts);
    }
  else if (VIVA_IS_TOPIC (self->item))
    {
      gtk_label_set_text (self->title_label, viva_topic_get_name (VIVA_TOPIC (self->item)));
      n_noted = viva_topic_get_n_noted (VIVA_TOPIC (self->item));
      n_questions = viva_topic_get_n_questions (VIVA_TOPIC (self->item));
      viva_progress_counts_for_topic (VIVA_TOPIC (self->item), &counts);
    }
  else
    return;

  count = g_strdup_printf ("%u / %u", n_noted, n_questions);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label),
                               _("Questions with notes / questions"));

  description = viva_progress_counts_describe (&counts);
  viva_stacked_bar_set_counts (self->status_bar, &counts);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_bar), description);

  /* Translators: accessible name of a level or topic row, e.g.
   * "Strings, 2 of 28 confident, 1 learning, 25 new, notes on 3 of 28
   * questions". */
  accessible = g_strdup_printf (_("%s, %s, notes on %u of %u questions"),
                                gtk_label_get_text (self->title_label),
                                description, n_noted, n_questions);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
viva_sidebar_row_item_notify_cb (VivaSidebarRow *self,
                                 GParamSpec     *pspec,
                                 GObject        *item)
{
  viva_sidebar_row_update (self);
}

static void
viva_sidebar_row_dispose (GObject *object)
{
  VivaSidebarRow *self = (VivaSidebarRow *)object;

  viva_sidebar_row_set_item (self, NULL);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_SIDEBAR_ROW);

  G_OBJECT_CLASS (viva_sidebar_row_parent_class)->dispose (object);
}

/* A popover is placed by the widget it belongs to. */
static void
viva_sidebar_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (widget);

  GTK_WIDGET_CLASS (viva_sidebar_row_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
viva_sidebar_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_sidebar_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      viva_sidebar_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_sidebar_row_class_init (VivaSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_sidebar_row_dispose;
  object_class->get_property = viva_sidebar_row_get_property;
  object_class->set_property = viva_sidebar_row_set_property;

  widget_class->size_allocate = viva_sidebar_row_size_allocate;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, box);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, star_image);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, note_image);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, count_image);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebarRow, count_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivasidebarrow");

  g_type_ensure (VIVA_TYPE_STACKED_BAR);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
viva_sidebar_row_init (VivaSidebarRow *self)
{
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed",
                           G_CALLBACK (viva_sidebar_row_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed",
                           G_CALLBACK (viva_sidebar_row_long_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
viva_sidebar_row_new (void)
{
  return g_object_new (VIVA_TYPE_SIDEBAR_ROW, NULL);
}

GObject *
viva_sidebar_row_get_item (VivaSidebarRow *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), NULL);

  return self->item;
}

void
viva_sidebar_row_set_item (VivaSidebarRow *self,
                           GObject        *item)
{
  gboolean is_question;

  g_return_if_fail (VIVA_IS_SIDEBAR_ROW (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item,
                                          G_CALLBACK (viva_sidebar_row_item_notify_cb),
                                          self);

  g_set_object (&self->item, item);

  is_question = VIVA_IS_QUESTION (item);
  gtk_widget_set_visible (GTK_WIDGET (self->number_label), is_question);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), item != NULL && !is_question);
  gtk_widget_set_visible (GTK_WIDGET (self->status_bar), item != NULL && !is_question);
  gtk_widget_set_visible (GTK_WIDGET (self->count_image), item != NULL && !is_question);
  gtk_widget_set_visible (GTK_WIDGET (self->star_image), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_image), FALSE);

  if (is_question)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
      g_signal_connect_object (item, "notify::has-note",
                               G_CALLBACK (viva_sidebar_row_item_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::starred",
                               G_CALLBACK (viva_sidebar_row_item_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else if (item != NULL)
    {
      if (VIVA_IS_LEVEL (item))
        gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");

      /* The counts change as notes change, wherever that happens (the
       * question view, a mock interview's ratings, Review): a row on
       * screen follows at once. */
      g_signal_connect_object (item, "notify::n-noted",
                               G_CALLBACK (viva_sidebar_row_item_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::n-new",
                               G_CALLBACK (viva_sidebar_row_item_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::n-learning",
                               G_CALLBACK (viva_sidebar_row_item_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::n-confident",
                               G_CALLBACK (viva_sidebar_row_item_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (item != NULL)
    viva_sidebar_row_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
