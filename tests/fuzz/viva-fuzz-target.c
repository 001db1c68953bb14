/* viva-fuzz-target.c
 *
 * The initialisation every fuzz target shares. A target that needs
 * data of its own makes it on its first input.
 *
 * It is linked into each target as a source of its own, not from a
 * static library: libFuzzer refers to LLVMFuzzerInitialize() only
 * weakly, and a weak reference does not pull a member out of an
 * archive, so the initialisation would silently not run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-fuzz-target.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A warning or a critical from what is fuzzed is a bug too. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}
