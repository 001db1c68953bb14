/* viva-fsrs.h
 *
 * The FSRS-6 memory model: how stable a question's memory is, how
 * difficult the question is, how likely it is to be recalled after some
 * days, and the interval that keeps that likelihood at a desired
 * retention. Pure functions of parameters, a state, a grade and a time
 * passed in: no clock, no randomness (no fuzz), so that every value can
 * be checked against the reference (ts-fsrs). The formulas, where the
 * defaults come from and what is rounded are described at the top of
 * viva-fsrs.c. GTK-free.
 *
 * Nothing here aborts on damaged input (NaN, negative days, a zero
 * stability): every function returns finite values in range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-scheduler.h"

G_BEGIN_DECLS

/* VIVA_FSRS_N_PARAMS, the 21 parameters w[0] to w[20], is in
 * viva-scheduler.h, whose configuration holds them. */

/* The bounds the reference clamps a stability to, in days. */
#define VIVA_FSRS_STABILITY_MIN 0.001
#define VIVA_FSRS_STABILITY_MAX 36500.0
/* The bounds of a difficulty. */
#define VIVA_FSRS_DIFFICULTY_MIN 1.0
#define VIVA_FSRS_DIFFICULTY_MAX 10.0

extern const double viva_fsrs_default_parameters[VIVA_FSRS_N_PARAMS];

/**
 * VivaFsrsState:
 * @stability: the interval, in days, after which recall has fallen to 90%
 * @difficulty: how hard the question is, from 1 to 10
 *
 * A question's memory after one or more reviews.
 */
typedef struct
{
  double stability;
  double difficulty;
} VivaFsrsState;

double        viva_fsrs_retrievability (const double        *w,
                                        double               elapsed_days,
                                        double               stability);
VivaFsrsState viva_fsrs_init_state     (const double        *w,
                                        VivaReviewGrade      grade);
VivaFsrsState viva_fsrs_next_state     (const double        *w,
                                        const VivaFsrsState *state,
                                        double               elapsed_days,
                                        VivaReviewGrade      grade);
guint         viva_fsrs_next_interval  (const double        *w,
                                        double               stability,
                                        double               desired_retention,
                                        guint                maximum_interval);
void          viva_fsrs_fuzz_range     (guint                interval,
                                        guint                elapsed_days,
                                        guint                maximum_interval,
                                        guint               *min_interval,
                                        guint               *max_interval);

G_END_DECLS
