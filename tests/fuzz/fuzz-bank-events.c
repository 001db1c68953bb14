/* fuzz-bank-events.c
 *
 * Fuzz target: the bank parser's md4c callbacks, sent any sequence of
 * events (two bytes an event, see viva_fuzz_decode_events()) in place of
 * what md4c would send. md4c 0.4.8 can send unbalanced ones; this sends
 * all the others too. Built with libFuzzer by build-aux/fuzz; every
 * build replays corpus/bank-events/ with fuzz-replay.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank-fuzz.h"
#include "viva-fuzz-target.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GArray) events = viva_fuzz_decode_events (data, size);
  g_autoptr(VivaBank) bank = NULL;

  bank = viva_fuzz_parse_events ((const VivaFuzzEvent *)(gpointer)events->data, events->len, NULL);

  return 0;
}
