/* viva-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "viva-clock.h"

struct _VivaClock
{
  GObject  parent_instance;

  gint64   fake_now;
  guint    fake : 1;
};

G_DEFINE_FINAL_TYPE (VivaClock, viva_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
viva_clock_class_init (VivaClockClass *klass)
{
  /**
   * VivaClock::changed:
   *
   * Emitted by a fake clock after viva_clock_advance(), so that whatever
   * reads it can re-evaluate at once. The system clock never emits it:
   * its readers poll (the timer's page ticks every 250 ms).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_clock_init (VivaClock *self)
{
}

/* The system clock counts CLOCK_BOOTTIME, not g_get_monotonic_time()
 * (CLOCK_MONOTONIC) nor g_get_real_time():
 *  - monotonic time stops while the machine is suspended, but a mock
 *    interview goes on while the laptop sleeps: closing the lid must not
 *    stop the clock (PLATFORM.md, "Timers");
 *  - wall-clock time jumps when NTP corrects it or the user sets the time,
 *    which would add or remove minutes from a running question.
 * BOOTTIME is monotonic and also counts suspended time. It restarts at
 * zero on boot, which is harmless: the timer persists durations spent,
 * never instants, and a restored interview comes back paused.
 *
 * Linux has had CLOCK_BOOTTIME since 2.6.39. Elsewhere (or should the call
 * ever fail, which it then does on every call, never intermittently) we
 * fall back to monotonic time and lose only the suspend case. */
static gint64
viva_clock_read_system (void)
{
#ifdef CLOCK_BOOTTIME
  struct timespec ts;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
#endif

  return g_get_monotonic_time ();
}

/**
 * viva_clock_get_default:
 *
 * Returns: (transfer none): the system clock, shared and never freed
 */
VivaClock *
viva_clock_get_default (void)
{
  static VivaClock *default_clock;

  if (g_once_init_enter (&default_clock))
    g_once_init_leave (&default_clock, g_object_new (VIVA_TYPE_CLOCK, NULL));

  return default_clock;
}

/**
 * viva_clock_new_fake:
 * @start_usec: what viva_clock_get_now() returns until the clock is advanced
 *
 * Returns: (transfer full): a clock that only moves with viva_clock_advance()
 */
VivaClock *
viva_clock_new_fake (gint64 start_usec)
{
  VivaClock *self = g_object_new (VIVA_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now = start_usec;

  return self;
}

gboolean
viva_clock_is_fake (VivaClock *self)
{
  g_return_val_if_fail (VIVA_IS_CLOCK (self), FALSE);

  return self->fake;
}

/* Microseconds on an arbitrary origin: only differences mean anything. */
gint64
viva_clock_get_now (VivaClock *self)
{
  g_return_val_if_fail (VIVA_IS_CLOCK (self), 0);

  if (self->fake)
    return self->fake_now;

  return viva_clock_read_system ();
}

/**
 * viva_clock_advance:
 * @usec: how far to move; negative steps back, which the system clock
 *   never does but a test may want to
 *
 * Moves a fake clock and emits #VivaClock::changed. The result saturates
 * rather than wrapping around.
 */
void
viva_clock_advance (VivaClock *self,
                    gint64     usec)
{
  g_return_if_fail (VIVA_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  if (usec > 0 && self->fake_now > G_MAXINT64 - usec)
    self->fake_now = G_MAXINT64;
  else if (usec < 0 && self->fake_now < G_MININT64 - usec)
    self->fake_now = G_MININT64;
  else
    self->fake_now += usec;

  g_signal_emit (self, signals[CHANGED], 0);
}
