/* fuzz-bank-markdown.c
 *
 * Fuzz target: any bytes, opened as a question bank. Built with libFuzzer
 * by build-aux/fuzz; every build replays corpus/bank-markdown/ with
 * fuzz-replay.c as an ordinary test.
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
  viva_fuzz_parse_markdown (data, size);

  return 0;
}
