/* fuzz-session.c
 *
 * Fuzz target: any bytes, read as a mock interview's session file
 * ($XDG_DATA_HOME/…/sessions/<id>.json, src/mock/viva-session-file.c);
 * what loads must save, and load back and save as the same bytes
 * (viva_fuzz_check_document()). Built with libFuzzer by build-aux/fuzz;
 * every build replays corpus/session/ with fuzz-replay.c as an ordinary
 * test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-document-fuzz.h"
#include "viva-fuzz-target.h"
#include "viva-session-file.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  viva_fuzz_check_document (&viva_session_codec, data, size);

  return 0;
}
