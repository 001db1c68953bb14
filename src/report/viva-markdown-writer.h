/* viva-markdown-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void viva_markdown_append_escaped_inline     (GString    *out,
                                              const char *text);
void viva_markdown_append_escaped_paragraphs (GString    *out,
                                              const char *text);
void viva_markdown_append_fenced             (GString    *out,
                                              const char *typed,
                                              const char *info);

G_END_DECLS
