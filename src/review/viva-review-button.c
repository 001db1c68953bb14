/* viva-review-button.c
 *
 * "12 due today" at the top of the sidebar, with how many new questions
 * Review would start today; it starts Review (win.review).
 *
 * The figures come from the context's VivaReviewToday, as Review's own,
 * so the two always agree. That goes through the whole bank (some 15 ms at
 * 100,000 questions), so it is not redone on every keystroke in the
 * notes: a change to the notes is counted once they have been still for
 * a moment, and not at all while the button is off screen (in Review,
 * in a mock interview, with the sidebar hidden); it is counted when the
 * button shows again. The count also changes with the day, at the day's
 * end (4 am) and whenever the window comes back to the front, which
 * catches a machine that slept through the day's end.
 *
 * The first count waits for the window's first frame (issue 15, item 5:
 * 98.7 M instructions at 10,000 notes that the window need not wait
 * for). Until then the button says "Review" with no number: never a
 * wrong one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-notes-store.h"
#include "viva-review-button.h"
#include "viva-review-today.h"

/* How long the notes must be still before they are counted again. */
#define REFRESH_DELAY_MSEC 300

struct _VivaReviewButton
{
  GtkButton       parent_instance;

  /* Owned */
  VivaContext    *context;
  GSignalGroup   *context_signals;
  GSignalGroup   *today_signals;
  GSignalGroup   *notes_signals;
  GSignalGroup   *clock_signals;

  /* Borrowed: the window, while the button is in one */
  GtkWindow      *window;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;

  gint64          day_start;
  guint           refresh_source;
  guint           day_end_source;
  guint           n_due;
  guint           n_new;
  /* The first count's wait for the first frame */
  GdkFrameClock  *first_frame_clock;
  gulong          first_frame_handler;
  guint           stale : 1;
  guint           counted : 1;
};

G_DEFINE_FINAL_TYPE (VivaReviewButton, viva_review_button, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean viva_review_button_day_end_cb (gpointer data);

static void
viva_review_button_refresh (VivaReviewButton *self)
{
  g_autoptr(GPtrArray) queue = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  VivaReviewToday *today;
  VivaReviewCounts counts;
  VivaReviewDay day;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->day_end_source, g_source_remove);
  g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
  g_clear_object (&self->first_frame_clock);
  self->stale = FALSE;

  if (self->context == NULL ||
      viva_context_get_bank (self->context) == NULL ||
      viva_context_get_notes_store (self->context) == NULL)
    return;

  self->counted = TRUE;

  /* Counted once they are in (notify::notes-loaded); zero meanwhile
   * would be wrong. */
  if (!viva_context_get_notes_loaded (self->context))
    {
      gtk_label_set_text (self->title_label, _("Review"));
      gtk_label_set_text (self->subtitle_label, _("Loading notes…"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
      accessible = g_strdup_printf (_("Review: %s"), _("Loading notes…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      return;
    }

  today = viva_context_get_review_today (self->context);
  viva_review_today_get_day (today, &day);
  self->day_start = day.start;

  queue = viva_review_today_build (today, &day, &counts);
  self->n_due = counts.due;
  self->n_new = counts.queued_new;

  if (self->n_due > 0)
    /* Translators: at the top of the sidebar; it starts Review. */
    title = g_strdup_printf (ngettext ("%u due today", "%u due today", self->n_due), self->n_due);
  else
    title = g_strdup (_("Nothing due today"));

  if (self->n_new > 0)
    subtitle = g_strdup_printf (ngettext ("%u new question to start",
                                          "%u new questions to start", self->n_new),
                                self->n_new);
  else if (self->n_due == 0 && counts.reviewed_today > 0)
    subtitle = g_strdup (_("All caught up"));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  /* Translators: the sidebar's Review button for screen readers. */
  accessible = subtitle ? g_strdup_printf (_("Review: %s, %s"), title, subtitle)
                        : g_strdup_printf (_("Review: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* A fake clock says when it moves; the wall clock needs a timer. A
   * second late is fine: the day has ended by then. */
  if (!viva_clock_is_fake (viva_context_get_clock (self->context)))
    {
      gint64 seconds = (day.end - day.now) / G_USEC_PER_SEC + 1;

      self->day_end_source = g_timeout_add_seconds ((guint) CLAMP (seconds, 1, 2 * 24 * 3600),
                                                    viva_review_button_day_end_cb, self);
    }
}

static gboolean
viva_review_button_refresh_cb (gpointer data)
{
  VivaReviewButton *self = data;

  self->refresh_source = 0;
  viva_review_button_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
viva_review_button_first_frame_cb (VivaReviewButton *self,
                                   GdkFrameClock    *clock)
{
  g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
  g_clear_object (&self->first_frame_clock);

  /* Out of the frame clock's paint: the count is not part of the frame. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_idle_add (viva_review_button_refresh_cb, self);
}

/* The first count, once the window has painted its first frame. */
static void
viva_review_button_count_after_first_frame (VivaReviewButton *self)
{
  GdkFrameClock *clock;

  self->stale = TRUE;
  if (self->first_frame_handler != 0)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;

  self->first_frame_clock = g_object_ref (clock);
  self->first_frame_handler = g_signal_connect_object (clock, "after-paint",
                                                       G_CALLBACK (viva_review_button_first_frame_cb),
                                                       self, G_CONNECT_SWAPPED);
}

/* Counts now if the button shows, or when it next does. */
static void
viva_review_button_invalidate (VivaReviewButton *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (!self->counted)
    viva_review_button_count_after_first_frame (self);
  else
    viva_review_button_refresh (self);
}

static gboolean
viva_review_button_day_end_cb (gpointer data)
{
  VivaReviewButton *self = data;

  self->day_end_source = 0;
  viva_review_button_invalidate (self);

  return G_SOURCE_REMOVE;
}

static void
viva_review_button_note_changed_cb (VivaReviewButton *self,
                                    VivaNote         *note,
                                    VivaNotesStore   *notes)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !self->counted)
    {
      viva_review_button_invalidate (self);
      return;
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MSEC, viva_review_button_refresh_cb, self);
}

/* Another bank, other daily limits, or the notes loaded. */
static void
viva_review_button_changed_cb (VivaReviewButton *self)
{
  viva_review_button_invalidate (self);
}

/* Back at the window after a night away: maybe another day. */
static void
viva_review_button_window_active_cb (VivaReviewButton *self,
                                     GParamSpec       *pspec,
                                     GtkWindow        *window)
{
  VivaReviewDay day;

  if (!gtk_window_is_active (window) || self->context == NULL)
    return;

  viva_review_today_get_day (viva_context_get_review_today (self->context), &day);
  if (day.start != self->day_start)
    viva_review_button_invalidate (self);
}

static void
viva_review_button_clock_changed_cb (VivaReviewButton *self,
                                     VivaClock        *clock)
{
  viva_review_button_invalidate (self);
}

/* GtkWidget */

static void
viva_review_button_map (GtkWidget *widget)
{
  VivaReviewButton *self = VIVA_REVIEW_BUTTON (widget);

  GTK_WIDGET_CLASS (viva_review_button_parent_class)->map (widget);

  if (self->stale)
    viva_review_button_invalidate (self);
}

/* The frame clock goes with the window's surface, and disposing it
 * drops its handlers: one still waiting for a first frame (the bank came
 * and the window closed before the next paint) would be disconnected a
 * second time in dispose, a GLib warning. The count waits for the next
 * map instead. */
static void
viva_review_button_unrealize (GtkWidget *widget)
{
  VivaReviewButton *self = VIVA_REVIEW_BUTTON (widget);

  if (self->first_frame_handler != 0)
    {
      g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
      self->stale = TRUE;
    }
  g_clear_object (&self->first_frame_clock);

  GTK_WIDGET_CLASS (viva_review_button_parent_class)->unrealize (widget);
}

static void
viva_review_button_root (GtkWidget *widget)
{
  VivaReviewButton *self = VIVA_REVIEW_BUTTON (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (viva_review_button_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::is-active",
                               G_CALLBACK (viva_review_button_window_active_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
viva_review_button_unroot (GtkWidget *widget)
{
  VivaReviewButton *self = VIVA_REVIEW_BUTTON (widget);

  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->window, viva_review_button_window_active_cb, self);
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (viva_review_button_parent_class)->unroot (widget);
}

/* GObject */

static void
viva_review_button_dispose (GObject *object)
{
  VivaReviewButton *self = (VivaReviewButton *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->day_end_source, g_source_remove);
  g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
  g_clear_object (&self->first_frame_clock);

  g_signal_group_set_target (self->context_signals, NULL);
  g_signal_group_set_target (self->today_signals, NULL);
  g_signal_group_set_target (self->notes_signals, NULL);
  g_signal_group_set_target (self->clock_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_REVIEW_BUTTON);

  g_clear_object (&self->context_signals);
  g_clear_object (&self->today_signals);
  g_clear_object (&self->notes_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (viva_review_button_parent_class)->dispose (object);
}

static void
viva_review_button_set_context (VivaReviewButton *self,
                                VivaContext      *context)
{
  VivaClock *clock;

  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  g_signal_group_set_target (self->context_signals, context);
  g_signal_group_set_target (self->today_signals, viva_context_get_review_today (context));
  g_signal_group_set_target (self->notes_signals, viva_context_get_notes_store (context));
  clock = viva_context_get_clock (context);
  if (viva_clock_is_fake (clock))
    g_signal_group_set_target (self->clock_signals, clock);

  viva_review_button_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
viva_review_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaReviewButton *self = VIVA_REVIEW_BUTTON (object);

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
viva_review_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaReviewButton *self = VIVA_REVIEW_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_review_button_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_review_button_class_init (VivaReviewButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_review_button_dispose;
  object_class->get_property = viva_review_button_get_property;
  object_class->set_property = viva_review_button_set_property;

  /**
   * VivaReviewButton:context:
   *
   * The bank, notes and clock it counts with; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = viva_review_button_map;
  widget_class->unrealize = viva_review_button_unrealize;
  widget_class->root = viva_review_button_root;
  widget_class->unroot = viva_review_button_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-review-button.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaReviewButton, title_label);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewButton, subtitle_label);
}

static void
viva_review_button_init (VivaReviewButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_review_button_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "notify::notes-loaded",
                                 G_CALLBACK (viva_review_button_changed_cb), self, G_CONNECT_SWAPPED);

  self->today_signals = g_signal_group_new (VIVA_TYPE_REVIEW_TODAY);
  g_signal_group_connect_object (self->today_signals, "limits-changed",
                                 G_CALLBACK (viva_review_button_changed_cb), self, G_CONNECT_SWAPPED);

  self->notes_signals = g_signal_group_new (VIVA_TYPE_NOTES_STORE);
  g_signal_group_connect_object (self->notes_signals, "note-changed",
                                 G_CALLBACK (viva_review_button_note_changed_cb), self, G_CONNECT_SWAPPED);

  /* A fake clock says when it moves. */
  self->clock_signals = g_signal_group_new (VIVA_TYPE_CLOCK);
  g_signal_group_connect_object (self->clock_signals, "changed",
                                 G_CALLBACK (viva_review_button_clock_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * viva_review_button_update:
 *
 * Counts now rather than once the notes are still: after Review, whose
 * grades the user expects to see counted as they come back.
 */
void
viva_review_button_update (VivaReviewButton *self)
{
  g_return_if_fail (VIVA_IS_REVIEW_BUTTON (self));

  viva_review_button_refresh (self);
}

/* Questions due today, over the daily limit or not: "N due today". */
guint
viva_review_button_get_n_due (VivaReviewButton *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_BUTTON (self), 0);

  return self->n_due;
}

/* New questions Review would start today, within the limits. */
guint
viva_review_button_get_n_new (VivaReviewButton *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_BUTTON (self), 0);

  return self->n_new;
}

const char *
viva_review_button_get_title (VivaReviewButton *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_BUTTON (self), NULL);

  return gtk_label_get_text (self->title_label);
}

/* The line under the count; empty when there is none. */
const char *
viva_review_button_get_subtitle (VivaReviewButton *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_BUTTON (self), NULL);

  return gtk_label_get_text (self->subtitle_label);
}
