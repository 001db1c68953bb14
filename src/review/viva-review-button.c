/* viva-review-button.c
 *
 * "12 due today" at the top of the sidebar, with how many new questions
 * Review would start today; it starts Review (win.review).
 *
 * The figures come from viva_review_queue_build(), as Review's own, so
 * the two always agree. That goes through the whole bank (some 15 ms at
 * 100,000 questions), so it is not redone on every keystroke in the
 * notes: a change to the notes is counted once they have been still for
 * a moment, and not at all while the button is off screen (in Review,
 * in a mock interview, with the sidebar hidden); it is counted when the
 * button shows again. The count also changes with the day, at the day's
 * end (4 am) and whenever the window comes back to the front, which
 * catches a machine that slept through the day's end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-notes-store.h"
#include "viva-review-button.h"
#include "viva-review-queue.h"
#include "viva-scheduler.h"

/* How long the notes must be still before they are counted again. */
#define REFRESH_DELAY_MSEC 300

struct _VivaReviewButton
{
  GtkButton       parent_instance;

  /* Owned */
  VivaBank       *bank;
  VivaNotesStore *notes;
  GSignalGroup   *notes_signals;
  VivaClock      *clock;
  GSettings      *settings;

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
  guint           stale : 1;
};

G_DEFINE_FINAL_TYPE (VivaReviewButton, viva_review_button, GTK_TYPE_BUTTON)

static gint64
viva_review_button_now (VivaReviewButton *self)
{
  return self->clock != NULL ? viva_clock_get_now (self->clock) : g_get_real_time ();
}

static gboolean viva_review_button_day_end_cb (gpointer data);

static void
viva_review_button_refresh (VivaReviewButton *self)
{
  g_autoptr(GPtrArray) queue = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  VivaReviewCounts counts;
  VivaReviewDay day;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->day_end_source, g_source_remove);
  self->stale = FALSE;

  if (self->bank == NULL || self->notes == NULL)
    return;

  viva_review_day_init (&day, viva_review_button_now (self), NULL, VIVA_REVIEW_DAY_START_HOUR);
  self->day_start = day.start;

  queue = viva_review_queue_build (self->notes,
                                   viva_bank_get_id (self->bank),
                                   viva_bank_get_questions (self->bank),
                                   &day,
                                   g_settings_get_uint (self->settings, "review-daily-limit"),
                                   g_settings_get_uint (self->settings, "review-new-per-day"),
                                   &counts);
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
  if (self->clock == NULL || !viva_clock_is_fake (self->clock))
    {
      gint64 seconds = (day.end - day.now) / G_USEC_PER_SEC + 1;

      self->day_end_source = g_timeout_add_seconds ((guint) CLAMP (seconds, 1, 2 * 24 * 3600),
                                                    viva_review_button_day_end_cb, self);
    }
}

/* Counts now if the button shows, or when it next does. */
static void
viva_review_button_invalidate (VivaReviewButton *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    viva_review_button_refresh (self);
  else
    self->stale = TRUE;
}

static gboolean
viva_review_button_day_end_cb (gpointer data)
{
  VivaReviewButton *self = data;

  self->day_end_source = 0;
  viva_review_button_invalidate (self);

  return G_SOURCE_REMOVE;
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
viva_review_button_note_changed_cb (VivaReviewButton *self,
                                    VivaNote         *note,
                                    VivaNotesStore   *notes)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MSEC, viva_review_button_refresh_cb, self);
}

static void
viva_review_button_settings_changed_cb (VivaReviewButton *self,
                                        const char       *key,
                                        GSettings        *settings)
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

  if (!gtk_window_is_active (window))
    return;

  viva_review_day_init (&day, viva_review_button_now (self), NULL, VIVA_REVIEW_DAY_START_HOUR);
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
    viva_review_button_refresh (self);
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

  if (self->notes_signals != NULL)
    g_signal_group_set_target (self->notes_signals, NULL);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_REVIEW_BUTTON);

  g_clear_object (&self->notes_signals);
  g_clear_object (&self->bank);
  g_clear_object (&self->notes);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (viva_review_button_parent_class)->dispose (object);
}

static void
viva_review_button_class_init (VivaReviewButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_review_button_dispose;

  widget_class->map = viva_review_button_map;
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

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::review-daily-limit",
                           G_CALLBACK (viva_review_button_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::review-new-per-day",
                           G_CALLBACK (viva_review_button_settings_changed_cb), self, G_CONNECT_SWAPPED);

  self->notes_signals = g_signal_group_new (VIVA_TYPE_NOTES_STORE);
  g_signal_group_connect_object (self->notes_signals, "note-changed",
                                 G_CALLBACK (viva_review_button_note_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * viva_review_button_set_context:
 * @bank: (nullable): the bank open in the window
 * @notes: (nullable): the notes, which hold the schedule
 */
void
viva_review_button_set_context (VivaReviewButton *self,
                                VivaBank         *bank,
                                VivaNotesStore   *notes)
{
  g_return_if_fail (VIVA_IS_REVIEW_BUTTON (self));
  g_return_if_fail (!bank || VIVA_IS_BANK (bank));
  g_return_if_fail (!notes || VIVA_IS_NOTES_STORE (notes));

  g_set_object (&self->bank, bank);
  if (g_set_object (&self->notes, notes))
    g_signal_group_set_target (self->notes_signals, notes);

  viva_review_button_invalidate (self);
}

/**
 * viva_review_button_set_clock:
 * @clock: (nullable): a fake clock standing for the wall clock, or %NULL
 *   for the wall clock (the default)
 *
 * For tests: counts at a chosen date and hour, and again whenever the
 * fake clock moves.
 */
void
viva_review_button_set_clock (VivaReviewButton *self,
                              VivaClock        *clock)
{
  g_return_if_fail (VIVA_IS_REVIEW_BUTTON (self));
  g_return_if_fail (!clock || VIVA_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);

  g_set_object (&self->clock, clock);

  if (clock != NULL && viva_clock_is_fake (clock))
    g_signal_connect_object (clock, "changed", G_CALLBACK (viva_review_button_clock_changed_cb),
                             self, G_CONNECT_SWAPPED);

  viva_review_button_invalidate (self);
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
