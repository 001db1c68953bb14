/* viva-fsrs-optimize-group.c
 *
 * Preferences → Review → Optimize. "Optimize" fits FSRS's 21 parameters
 * to every review in the notes (all banks) in a thread
 * (viva_fsrs_optimize_async), shows its progress, and stores the result
 * in the `fsrs-parameters` key, which the context turns into the
 * scheduler's configuration; the row then says what the fit gained, in
 * log loss and RMSE on those reviews (a fit that predicts no better than
 * the parameters in use is not stored). "Reset to Defaults" empties the
 * key: FSRS's published defaults again. Below
 * VIVA_FSRS_OPTIMIZER_MIN_REVIEWS training reviews the button is
 * insensitive and the row says how many there are and how many it needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "notes/viva-fsrs-optimizer.h"
#include "notes/viva-note.h"
#include "notes/viva-notes-store.h"
#include "viva-context.h"
#include "viva-fsrs-optimize-group.h"

struct _VivaFsrsOptimizeGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *optimize_row;
  GtkButton           *optimize_button;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *reset_row;
  GtkButton           *reset_button;

  /* Owned */
  VivaContext         *context;
  GCancellable        *cancellable;
  char                *result;   /* the last fit, in words */
  guint                n_reviews;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VivaFsrsOptimizeGroup, viva_fsrs_optimize_group, ADW_TYPE_PREFERENCES_GROUP)

static GSettings *
group_settings (VivaFsrsOptimizeGroup *self)
{
  return self->context != NULL ? viva_context_get_settings (self->context) : NULL;
}

/* The `fsrs-parameters` key as the context reads it: exactly 21 finite
 * values, anything else the defaults. Returns FALSE for the defaults. */
static gboolean
read_parameters (GSettings *settings,
                 double    *w)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "fsrs-parameters");
  gsize n = 0;
  const double *values = g_variant_get_fixed_array (value, &n, sizeof (double));

  memcpy (w, viva_fsrs_default_parameters, sizeof (double) * VIVA_FSRS_N_PARAMS);
  if (n != VIVA_FSRS_N_PARAMS)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return FALSE;
  memcpy (w, values, sizeof (double) * VIVA_FSRS_N_PARAMS);

  return TRUE;
}

static VivaFsrsDataset *
collect_histories (VivaFsrsOptimizeGroup *self)
{
  g_autoptr(GPtrArray) notes = NULL;
  VivaFsrsDataset *dataset;

  dataset = viva_fsrs_dataset_new (NULL, VIVA_REVIEW_DAY_START_HOUR);
  if (self->context == NULL)
    return dataset;

  notes = viva_notes_store_list_reviewed_notes (viva_context_get_notes_store (self->context));
  for (guint i = 0; i < notes->len; i++)
    {
      guint n_entries = 0;
      const VivaReviewEntry *history = viva_note_get_history (g_ptr_array_index (notes, i), &n_entries);

      viva_fsrs_dataset_add_history (dataset, history, n_entries);
    }

  return dataset;
}

static void
update (VivaFsrsOptimizeGroup *self)
{
  GSettings *settings = group_settings (self);
  gboolean running = self->cancellable != NULL;
  gboolean fitted = FALSE;
  g_autofree char *status = NULL;

  /* After dispose: a fit cancelled then still reports. */
  if (self->optimize_row == NULL)
    return;

  if (settings != NULL)
    {
      double w[VIVA_FSRS_N_PARAMS];

      fitted = read_parameters (settings, w);
    }

  if (running)
    {
      gtk_button_set_label (self->optimize_button, _("Cancel"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->optimize_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel fitting"),
                                      -1);
      status = g_strdup (_("Fitting the parameters to your reviews…"));
    }
  else
    {
      gtk_button_set_label (self->optimize_button, _("Optimize"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->optimize_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Optimize parameters"),
                                      -1);
      if (self->n_reviews < VIVA_FSRS_OPTIMIZER_MIN_REVIEWS)
        /* Translators: the first number is at least 400 (the threshold),
         * the second how many the user has. A review counts when the
         * question had been reviewed on an earlier day. */
        status = g_strdup_printf (ngettext ("Needs %u reviews of questions seen on an earlier day; you have %u so far.",
                                            "Needs %u reviews of questions seen on an earlier day; you have %u so far.",
                                            self->n_reviews),
                                  (guint) VIVA_FSRS_OPTIMIZER_MIN_REVIEWS, self->n_reviews);
      else if (self->result != NULL)
        status = g_strdup (self->result);
      else
        status = g_strdup_printf (ngettext ("Fit FSRS to your %'u review.",
                                            "Fit FSRS to your %'u reviews.",
                                            self->n_reviews),
                                  self->n_reviews);
    }

  adw_action_row_set_subtitle (self->optimize_row, status);
  gtk_widget_set_sensitive (GTK_WIDGET (self->optimize_button),
                            running || (settings != NULL && self->n_reviews >= VIVA_FSRS_OPTIMIZER_MIN_REVIEWS));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);

  adw_action_row_set_subtitle (self->reset_row,
                               fitted ? _("Fitted to your reviews.")
                                      : _("FSRS’s published defaults."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), fitted && !running);
}

/* Cheaper than collect_histories (): no copy, no sort. */
static void
recount (VivaFsrsOptimizeGroup *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GPtrArray) notes = NULL;

  self->n_reviews = 0;
  if (self->context != NULL)
    {
      notes = viva_notes_store_list_reviewed_notes (viva_context_get_notes_store (self->context));
      for (guint i = 0; i < notes->len; i++)
        {
          guint n_entries = 0;
          const VivaReviewEntry *history = viva_note_get_history (g_ptr_array_index (notes, i), &n_entries);

          self->n_reviews += viva_fsrs_count_reviews (history, n_entries, tz, VIVA_REVIEW_DAY_START_HOUR);
        }
    }
  update (self);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  VivaFsrsOptimizeGroup *self = user_data;

  if (self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
set_running (VivaFsrsOptimizeGroup *self,
             GCancellable          *cancellable)
{
  if (self->cancellable == cancellable)
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
optimize_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VivaFsrsOptimizeGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult fit;
  GSettings *settings;

  if (!viva_fsrs_optimize_finish (result, &fit, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_pointer (&self->result, g_free);
          /* Translators: %s is why fitting failed. */
          self->result = g_strdup_printf (_("Could not fit the parameters: %s"), error->message);
        }
      set_running (self, NULL);
      return;
    }

  g_clear_pointer (&self->result, g_free);
  /* A fit that predicts no better than the parameters in use is not
   * worth switching to: keep them. Fitting again after a fit gives the
   * same parameters, so this is also what a second click says. */
  if (!(fit.log_loss_after < fit.log_loss_before))
    {
      /* Translators: "log loss 0.331, RMSE 4.4% on 1,234 reviews". */
      self->result = g_strdup_printf (ngettext ("Your parameters already fit as well as any: log loss %.3f, RMSE %.1f%% on %'u review.",
                                                "Your parameters already fit as well as any: log loss %.3f, RMSE %.1f%% on %'u reviews.",
                                                fit.n_reviews),
                                      fit.log_loss_before, fit.rmse_before * 100.0, fit.n_reviews);
      set_running (self, NULL);
      return;
    }

  /* Translators: "Log loss 0.412 → 0.331, RMSE 7.2% → 4.1% on 1,234 reviews":
   * how well FSRS predicted the user's recalls before and after fitting
   * (lower is better). */
  self->result = g_strdup_printf (ngettext ("Log loss %.3f → %.3f, RMSE %.1f%% → %.1f%% on %'u review.",
                                            "Log loss %.3f → %.3f, RMSE %.1f%% → %.1f%% on %'u reviews.",
                                            fit.n_reviews),
                                  fit.log_loss_before, fit.log_loss_after,
                                  fit.rmse_before * 100.0, fit.rmse_after * 100.0,
                                  fit.n_reviews);

  settings = group_settings (self);
  if (settings != NULL)
    g_settings_set_value (settings, "fsrs-parameters",
                          g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, fit.parameters,
                                                     VIVA_FSRS_N_PARAMS, sizeof (double)));
  set_running (self, NULL);
}

static void
optimize_clicked_cb (VivaFsrsOptimizeGroup *self,
                     GtkButton             *button)
{
  g_autoptr(GCancellable) cancellable = NULL;
  double current[VIVA_FSRS_N_PARAMS];
  GSettings *settings = group_settings (self);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  if (settings == NULL)
    return;

  read_parameters (settings, current);
  cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_running (self, cancellable);
  /* The progress callbacks hold a reference; the last goes on the main
   * context (see viva_fsrs_optimize_async). */
  viva_fsrs_optimize_async (collect_histories (self), current, cancellable,
                            progress_cb, g_object_ref (self), g_object_unref,
                            optimize_cb, g_object_ref (self));
}

static void
reset_clicked_cb (VivaFsrsOptimizeGroup *self,
                  GtkButton             *button)
{
  GSettings *settings = group_settings (self);

  if (settings == NULL)
    return;

  g_clear_pointer (&self->result, g_free);
  g_settings_reset (settings, "fsrs-parameters");
}

static void
parameters_changed_cb (VivaFsrsOptimizeGroup *self)
{
  update (self);
}

static void
note_changed_cb (VivaFsrsOptimizeGroup *self)
{
  if (self->cancellable == NULL)
    recount (self);
}

/* Preferences closed while fitting: stop, and store nothing. The group
 * may outlive its window (the fit's callbacks hold it), so dispose is
 * not enough. */
static void
viva_fsrs_optimize_group_unroot (GtkWidget *widget)
{
  VivaFsrsOptimizeGroup *self = VIVA_FSRS_OPTIMIZE_GROUP (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (viva_fsrs_optimize_group_parent_class)->unroot (widget);
}

static void
viva_fsrs_optimize_group_dispose (GObject *object)
{
  VivaFsrsOptimizeGroup *self = (VivaFsrsOptimizeGroup *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_FSRS_OPTIMIZE_GROUP);

  G_OBJECT_CLASS (viva_fsrs_optimize_group_parent_class)->dispose (object);
}

static void
viva_fsrs_optimize_group_finalize (GObject *object)
{
  VivaFsrsOptimizeGroup *self = (VivaFsrsOptimizeGroup *)object;

  g_free (self->result);

  G_OBJECT_CLASS (viva_fsrs_optimize_group_parent_class)->finalize (object);
}

static void
viva_fsrs_optimize_group_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VivaFsrsOptimizeGroup *self = VIVA_FSRS_OPTIMIZE_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_fsrs_optimize_group_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  VivaFsrsOptimizeGroup *self = VIVA_FSRS_OPTIMIZE_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_fsrs_optimize_group_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_fsrs_optimize_group_class_init (VivaFsrsOptimizeGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_fsrs_optimize_group_dispose;
  object_class->finalize = viva_fsrs_optimize_group_finalize;
  object_class->get_property = viva_fsrs_optimize_group_get_property;
  object_class->set_property = viva_fsrs_optimize_group_set_property;
  widget_class->unroot = viva_fsrs_optimize_group_unroot;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-fsrs-optimize-group.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaFsrsOptimizeGroup, optimize_row);
  gtk_widget_class_bind_template_child (widget_class, VivaFsrsOptimizeGroup, optimize_button);
  gtk_widget_class_bind_template_child (widget_class, VivaFsrsOptimizeGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VivaFsrsOptimizeGroup, reset_row);
  gtk_widget_class_bind_template_child (widget_class, VivaFsrsOptimizeGroup, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, optimize_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
viva_fsrs_optimize_group_init (VivaFsrsOptimizeGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reset parameters to defaults"),
                                  -1);
  update (self);
}

VivaContext *
viva_fsrs_optimize_group_get_context (VivaFsrsOptimizeGroup *self)
{
  g_return_val_if_fail (VIVA_IS_FSRS_OPTIMIZE_GROUP (self), NULL);

  return self->context;
}

/**
 * viva_fsrs_optimize_group_set_context:
 * @self: a group
 * @context: (nullable): where the notes and settings are
 */
void
viva_fsrs_optimize_group_set_context (VivaFsrsOptimizeGroup *self,
                                      VivaContext           *context)
{
  g_return_if_fail (VIVA_IS_FSRS_OPTIMIZE_GROUP (self));
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (viva_context_get_settings (self->context), self);
      g_signal_handlers_disconnect_by_data (viva_context_get_notes_store (self->context), self);
    }
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_object (viva_context_get_settings (context), "changed::fsrs-parameters",
                               G_CALLBACK (parameters_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (viva_context_get_notes_store (context), "note-changed",
                               G_CALLBACK (note_changed_cb), self, G_CONNECT_SWAPPED);
    }

  recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gboolean
viva_fsrs_optimize_group_get_running (VivaFsrsOptimizeGroup *self)
{
  g_return_val_if_fail (VIVA_IS_FSRS_OPTIMIZE_GROUP (self), FALSE);

  return self->cancellable != NULL;
}

/* For tests. */
GtkWidget *
viva_fsrs_optimize_group_get_optimize_button (VivaFsrsOptimizeGroup *self)
{
  g_return_val_if_fail (VIVA_IS_FSRS_OPTIMIZE_GROUP (self), NULL);

  return GTK_WIDGET (self->optimize_button);
}

GtkWidget *
viva_fsrs_optimize_group_get_reset_button (VivaFsrsOptimizeGroup *self)
{
  g_return_val_if_fail (VIVA_IS_FSRS_OPTIMIZE_GROUP (self), NULL);

  return GTK_WIDGET (self->reset_button);
}

/* What the Optimize row says. */
const char *
viva_fsrs_optimize_group_get_status (VivaFsrsOptimizeGroup *self)
{
  g_return_val_if_fail (VIVA_IS_FSRS_OPTIMIZE_GROUP (self), NULL);

  return adw_action_row_get_subtitle (self->optimize_row);
}
