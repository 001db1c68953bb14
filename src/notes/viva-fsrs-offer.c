/* viva-fsrs-offer.c
 *
 * Counts the training reviews in the notes (viva_fsrs_count_reviews per
 * note, kept per note so that a grade costs one note's recount) and
 * emits VivaFsrsOffer::offer once, the first time the count reaches
 * VIVA_FSRS_OPTIMIZER_MIN_REVIEWS, setting `fsrs-optimize-offered` so
 * that no later run offers again. A user who already has enough reviews
 * when this first runs (an update to a Viva that fits) is offered at
 * once. Once the offer is made, or if it was made before, it watches
 * nothing. The first count runs in a low-priority idle, not before the
 * window's first frame, and not before the notes are loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-fsrs-offer.h"
#include "viva-fsrs-optimizer.h"
#include "viva-note.h"
#include "viva-notes-store.h"

struct _VivaFsrsOffer
{
  GObject         parent_instance;

  /* Owned */
  VivaNotesStore *store;
  GSettings      *settings;
  GTimeZone      *tz;
  GHashTable     *counts;   /* VivaNote → its training reviews */
  guint           n_reviews;
  guint           count_id;
  gboolean        done;
  /* The notes are loading: the first count waits for them */
  gboolean        waiting;
};

enum {
  OFFER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VivaFsrsOffer, viva_fsrs_offer, G_TYPE_OBJECT)

static guint
note_reviews (VivaFsrsOffer *self,
              VivaNote      *note)
{
  guint n_entries = 0;
  const VivaReviewEntry *history = viva_note_get_history (note, &n_entries);

  return viva_fsrs_count_reviews (history, n_entries, self->tz, VIVA_REVIEW_DAY_START_HOUR);
}

static void
stop (VivaFsrsOffer *self)
{
  self->done = TRUE;
  g_clear_handle_id (&self->count_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->store, self);
  g_hash_table_remove_all (self->counts);
}

static void
check (VivaFsrsOffer *self)
{
  if (self->done || self->n_reviews < VIVA_FSRS_OPTIMIZER_MIN_REVIEWS)
    return;

  stop (self);
  g_settings_set_boolean (self->settings, "fsrs-optimize-offered", TRUE);
  g_signal_emit (self, signals[OFFER], 0);
}

static void
note_changed_cb (VivaFsrsOffer *self,
                 VivaNote      *note)
{
  gpointer old;
  guint n;

  /* Before the first count, that count will see the change. */
  if (self->done || self->count_id != 0 || self->waiting)
    return;

  n = note_reviews (self, note);
  if (g_hash_table_lookup_extended (self->counts, note, NULL, &old))
    self->n_reviews -= MIN (GPOINTER_TO_UINT (old), self->n_reviews);
  g_hash_table_insert (self->counts, g_object_ref (note), GUINT_TO_POINTER (n));
  self->n_reviews += n;
  check (self);
}

static gboolean
first_count (gpointer user_data)
{
  VivaFsrsOffer *self = user_data;
  g_autoptr(GPtrArray) notes = viva_notes_store_list_reviewed_notes (self->store);

  self->count_id = 0;
  self->n_reviews = 0;
  for (guint i = 0; i < notes->len; i++)
    {
      VivaNote *note = g_ptr_array_index (notes, i);
      guint n = note_reviews (self, note);

      g_hash_table_insert (self->counts, g_object_ref (note), GUINT_TO_POINTER (n));
      self->n_reviews += n;
    }
  check (self);

  return G_SOURCE_REMOVE;
}

/* The notes are in (viva_notes_store_load_async()): count them. */
static void
store_loading_cb (VivaFsrsOffer  *self,
                  GParamSpec     *pspec,
                  VivaNotesStore *store)
{
  if (viva_notes_store_get_loading (store) || !self->waiting)
    return;

  self->waiting = FALSE;
  if (!self->done && self->count_id == 0)
    self->count_id = g_idle_add_full (G_PRIORITY_LOW, first_count, self, NULL);
}

static void
viva_fsrs_offer_dispose (GObject *object)
{
  VivaFsrsOffer *self = (VivaFsrsOffer *)object;

  if (self->store != NULL)
    stop (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (viva_fsrs_offer_parent_class)->dispose (object);
}

static void
viva_fsrs_offer_finalize (GObject *object)
{
  VivaFsrsOffer *self = (VivaFsrsOffer *)object;

  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (viva_fsrs_offer_parent_class)->finalize (object);
}

static void
viva_fsrs_offer_class_init (VivaFsrsOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_fsrs_offer_dispose;
  object_class->finalize = viva_fsrs_offer_finalize;

  /**
   * VivaFsrsOffer::offer:
   *
   * The notes now hold enough reviews to fit FSRS: offer it. Emitted at
   * most once, ever (the settings remember it).
   */
  signals[OFFER] =
    g_signal_new ("offer",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_fsrs_offer_init (VivaFsrsOffer *self)
{
  self->counts = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

/**
 * viva_fsrs_offer_new:
 * @store: the notes
 * @settings: the app's settings (`fsrs-optimize-offered`)
 * @tz: (nullable): the time zone review days are counted in; %NULL: local
 *
 * Returns: (transfer full): a watcher that offers when it is time
 */
VivaFsrsOffer *
viva_fsrs_offer_new (VivaNotesStore *store,
                     GSettings      *settings,
                     GTimeZone      *tz)
{
  VivaFsrsOffer *self;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VIVA_TYPE_FSRS_OFFER, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();

  if (g_settings_get_boolean (settings, "fsrs-optimize-offered"))
    {
      self->done = TRUE;
      return self;
    }

  g_signal_connect_object (store, "note-changed", G_CALLBACK (note_changed_cb), self, G_CONNECT_SWAPPED);
  if (viva_notes_store_get_loading (store))
    {
      self->waiting = TRUE;
      g_signal_connect_object (store, "notify::loading", G_CALLBACK (store_loading_cb), self, G_CONNECT_SWAPPED);
    }
  else
    self->count_id = g_idle_add_full (G_PRIORITY_LOW, first_count, self, NULL);

  return self;
}

/* The training reviews counted so far, for tests. */
guint
viva_fsrs_offer_get_n_reviews (VivaFsrsOffer *self)
{
  g_return_val_if_fail (VIVA_IS_FSRS_OFFER (self), 0);

  return self->n_reviews;
}
