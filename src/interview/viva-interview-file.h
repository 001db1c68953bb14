/* viva-interview-file.h
 *
 * Interviews on disk, for VivaInterviewStore only: what
 * VivaDocumentStore needs to know of an interview and of its file, which
 * it reads and writes as viva-document-file.c says. The format is
 * described at the top of viva-interview-file.c. A planned question is
 * written the same way in interview-templates.json: the _plan_item()
 * functions serve both files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "viva-document-store.h"
#include "viva-interview.h"

G_BEGIN_DECLS

extern const VivaDocumentCodec viva_interview_codec;

JsonNode *viva_interview_file_build    (VivaInterview   *interview);
GBytes   *viva_interview_file_generate (JsonNode        *root,
                                        GError         **error);
gboolean  viva_interview_file_parse    (const char      *data,
                                        gsize            len,
                                        const char      *expected_id,
                                        VivaInterview  **out_interview,
                                        GError         **error);

gboolean  viva_interview_file_get_plan_item (JsonObject   *object,
                                             gint64       *out_number,
                                             const char  **out_question,
                                             gint64       *out_budget,
                                             GError      **error);
void      viva_interview_file_add_plan_item (JsonBuilder  *builder,
                                             guint         number,
                                             const char   *question,
                                             gint64        budget);

G_END_DECLS
