/* viva-fsrs-optimizer-model.c
 *
 * FSRS-6 as fsrs-rs trains it (its analytic.rs forward pass): the same
 * formulas as viva-fsrs.c without ts-fsrs's rounding to 8 decimals, on
 * dual numbers, so that each value carries its exact derivatives with
 * respect to the 21 parameters. See viva-fsrs-optimizer.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "viva-fsrs-optimizer-private.h"

void
_viva_fsrs_model_init (Model        *model,
                       const double *w)
{
  model->w = w;
  for (guint i = 0; i < NP; i++)
    model->params[i] = dual_param (w, i);

  model->decay = dual_scale (model->params[20], -1.0);
  model->factor = dual_add_k (dual_exp (dual_div (dual_const (log (0.9)), model->decay)), -1.0);
  /* D0(4) = w4 - e^(3 w5) + 1 */
  model->easy_d = dual_add_k (dual_sub (model->params[4],
                                        dual_exp (dual_scale (model->params[5], 3.0))),
                              1.0);
  model->failure_divisor = dual_exp (dual_mul (model->params[17], model->params[18]));
  model->exp_w8 = dual_exp (model->params[8]);
}

/* R(t, S) = (1 + factor × t / S)^decay */
Dual
_viva_fsrs_model_retrievability (const Model *model,
                                 double       t,
                                 Dual         s)
{
  Dual base;

  t = MAX (t, 0.0);
  base = dual_add_k (dual_mul (dual_div (dual_const (t), s), model->factor), 1.0);

  return dual_exp (dual_mul (model->decay, dual_log (base)));
}


void
_viva_fsrs_model_init_state (const Model *model,
                             guint        rating,
                             MemoryState *state)
{
  const Dual *p = model->params;
  Dual d0;

  state->s = dual_clamp (p[rating - 1], S_MIN, S_MAX);
  d0 = dual_add_k (dual_sub (p[4], dual_exp (dual_scale (p[5], rating - 1.0))), 1.0);
  state->d = dual_clamp (d0, D_MIN, D_MAX);
}

void
_viva_fsrs_model_step (const Model *model,
                       MemoryState *state,
                       double       delta_t,
                       guint        rating)
{
  const Dual *p = model->params;
  Dual last_s = dual_clamp (state->s, S_MIN, S_MAX);
  Dual last_d = dual_clamp (state->d, D_MIN, D_MAX);
  Dual new_s, delta_d, next_d, mean_d;

  if (delta_t == 0.0)
    {
      /* Same day: S × e^(w17 (G - 3 + w18)) × S^-w19, at least S unless Again. */
      Dual sinc = dual_mul (dual_exp (dual_mul (p[17], dual_add_k (p[18], rating - 3.0))),
                            dual_pow (last_s, dual_scale (p[19], -1.0)));

      if (rating >= 2 && sinc.v < 1.0)
        sinc = dual_const (1.0);
      new_s = dual_mul (last_s, sinc);
    }
  else if (rating == 1)
    {
      Dual r = _viva_fsrs_model_retrievability (model, delta_t, last_s);
      Dual raw, floor_s;

      raw = dual_mul (dual_mul (dual_mul (p[11],
                                          dual_pow (last_d, dual_scale (p[12], -1.0))),
                                dual_add_k (dual_pow (dual_add_k (last_s, 1.0), p[13]), -1.0)),
                      dual_exp (dual_mul (dual_add_k (dual_scale (r, -1.0), 1.0), p[14])));
      floor_s = dual_div (last_s, model->failure_divisor);
      new_s = floor_s.v < raw.v ? floor_s : raw;
    }
  else
    {
      Dual r = _viva_fsrs_model_retrievability (model, delta_t, last_s);
      Dual inc;

      inc = dual_mul (dual_mul (model->exp_w8, dual_add_k (dual_scale (last_d, -1.0), 11.0)),
                      dual_pow (last_s, dual_scale (p[9], -1.0)));
      inc = dual_mul (inc, dual_add_k (dual_exp (dual_mul (dual_add_k (dual_scale (r, -1.0), 1.0),
                                                           p[10])),
                                       -1.0));
      if (rating == 2)
        inc = dual_mul (inc, p[15]);
      else if (rating == 4)
        inc = dual_mul (inc, p[16]);
      new_s = dual_mul (last_s, dual_add_k (inc, 1.0));
    }

  /* D' = w7 (D0(4) - D'') + D'',  D'' = D + (10 - D) × (-w6 (G - 3)) / 9 */
  delta_d = dual_scale (p[6], -(rating - 3.0));
  next_d = dual_add (last_d,
                     dual_scale (dual_mul (dual_add_k (dual_scale (last_d, -1.0), 10.0), delta_d),
                                 1.0 / 9.0));
  mean_d = dual_add (dual_mul (p[7], dual_sub (model->easy_d, next_d)), next_d);

  state->s = dual_clamp (new_s, S_MIN, S_MAX);
  state->d = dual_clamp (mean_d, D_MIN, D_MAX);
}
