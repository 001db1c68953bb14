/* viva-session-file.h
 *
 * Mock interview sessions on disk, for VivaSessionStore only: what
 * VivaDocumentStore needs to know of a session and of its file, which
 * it reads and writes as viva-document-file.c says. The format is
 * described at the top of viva-session-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-document-store.h"

G_BEGIN_DECLS

extern const VivaDocumentCodec viva_session_codec;

G_END_DECLS
