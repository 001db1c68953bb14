/* viva-fsrs-offer.h
 *
 * When to offer, once, to fit FSRS to the user's reviews: when the notes
 * first hold VIVA_FSRS_OPTIMIZER_MIN_REVIEWS training reviews and the
 * offer was never made (the `fsrs-optimize-offered` key). GTK-free: the
 * window shows the offer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_FSRS_OFFER (viva_fsrs_offer_get_type ())

G_DECLARE_FINAL_TYPE (VivaFsrsOffer, viva_fsrs_offer, VIVA, FSRS_OFFER, GObject)

VivaFsrsOffer *viva_fsrs_offer_new          (VivaNotesStore *store,
                                             GSettings      *settings,
                                             GTimeZone      *tz);
guint          viva_fsrs_offer_get_n_reviews (VivaFsrsOffer  *self);

G_END_DECLS
