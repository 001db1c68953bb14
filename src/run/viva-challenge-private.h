/* viva-challenge-private.h
 *
 * What viva-challenge.c (the challenges and their cases.json) and
 * viva-challenge-results.c (the driver's results) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-challenge.h"

G_BEGIN_DECLS

#define CHALLENGE_MAX_ENTRIES  16

gboolean viva_challenge_is_python_name (const char     *text);
void     viva_case_result_free         (VivaCaseResult *result);

G_END_DECLS
