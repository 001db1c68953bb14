/* fuzz-interview.c
 *
 * Fuzz target: any bytes, read as an interview's file
 * ($XDG_DATA_HOME/…/interviews/<id>.json, src/interview/viva-interview-file.c);
 * what loads must save, and load back and save as the same bytes
 * (viva_fuzz_check_document()). Built with libFuzzer by build-aux/fuzz;
 * every build replays corpus/interview/ with fuzz-replay.c as an ordinary
 * test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-document-fuzz.h"
#include "viva-fuzz-target.h"
#include "viva-interview-file.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  viva_fuzz_check_document (&viva_interview_codec, data, size);

  return 0;
}
