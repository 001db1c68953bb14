/* screenshots-clock.c
 *
 * A wall clock that stands still, for build-aux/screenshots: preloaded
 * (LD_PRELOAD) into the widget tests so that every date and time Viva
 * shows (a session's start, a file moved aside at <timestamp>, "today")
 * and every name GLib draws from the clock (g_dir_make_tmp) is the same
 * in two runs, and two builds can be compared pixel for pixel.
 *
 * The wall clock reads $VIVA_FIXED_TIME (seconds since the epoch) and
 * never moves; the monotonic clock, which timeouts and the tests' wait
 * limits use, runs as usual. g_random_int (), which picks the random
 * questions of an interview plan and a mock interview's order, draws the
 * same sequence in every run. Not part of Viva and not built by meson.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static time_t
fixed_time (void)
{
  const char *value = getenv ("VIVA_FIXED_TIME");

  return value != NULL ? (time_t) strtoll (value, NULL, 10) : 1781517600; /* 2026-06-15 10:00 UTC */
}

int
clock_gettime (clockid_t        clock,
               struct timespec *tp)
{
  static int (*real_clock_gettime) (clockid_t, struct timespec *);

  if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)
    {
      tp->tv_sec = fixed_time ();
      tp->tv_nsec = 0;
      return 0;
    }

  if (real_clock_gettime == NULL)
    real_clock_gettime = (int (*) (clockid_t, struct timespec *)) dlsym (RTLD_NEXT, "clock_gettime");
  return real_clock_gettime (clock, tp);
}

int
gettimeofday (struct timeval *tv,
              void           *tz)
{
  (void) tz;
  tv->tv_sec = fixed_time ();
  tv->tv_usec = 0;
  return 0;
}

time_t
time (time_t *t)
{
  time_t now = fixed_time ();

  if (t != NULL)
    *t = now;
  return now;
}

/* GLib's global generator is seeded from /dev/urandom; this one is a
 * xorshift with a fixed seed. */
unsigned int
g_random_int (void)
{
  static unsigned int state = 2463534242u;

  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
