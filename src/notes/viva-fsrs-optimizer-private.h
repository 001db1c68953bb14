/* viva-fsrs-optimizer-private.h
 *
 * What the optimizer's tests reach inside it for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-fsrs-optimizer.h"

G_BEGIN_DECLS

double _viva_fsrs_dataset_loss_gradient (VivaFsrsDataset *dataset,
                                         const double    *w,
                                         double          *grad);

G_END_DECLS
