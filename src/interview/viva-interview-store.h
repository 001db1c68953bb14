/* viva-interview-store.h
 *
 * The history of interviews: one JSON file per interview under
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/interviews/, kept by a
 * #VivaDocumentStore with the safety rules viva-document-store.h lists,
 * as the mock interview sessions are. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-document-store.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_INTERVIEW_STORE_ERROR (viva_interview_store_error_quark ())

/* The codes are VivaDocumentStoreErrorCode's. */
typedef enum
{
  VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE,
  VIVA_INTERVIEW_STORE_ERROR_TOO_DEEP,
  VIVA_INTERVIEW_STORE_ERROR_INVALID,
  VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION,
  VIVA_INTERVIEW_STORE_ERROR_READ_ONLY,
  VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND,
  VIVA_INTERVIEW_STORE_ERROR_EXISTS,
} VivaInterviewStoreError;

/**
 * VivaInterviewProblem:
 *
 * One file that did not load as it should: a #VivaDocumentProblem.
 */
typedef VivaDocumentProblem VivaInterviewProblem;

#define VIVA_TYPE_INTERVIEW_STORE (viva_interview_store_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewStore, viva_interview_store, VIVA, INTERVIEW_STORE, VivaDocumentStore)

GQuark              viva_interview_store_error_quark        (void);
void                viva_interview_problem_free             (VivaInterviewProblem *problem);
char               *viva_interview_store_dup_default_dir    (void);
VivaInterviewStore *viva_interview_store_new               (const char           *dir);
GListModel         *viva_interview_store_load               (VivaInterviewStore   *self,
                                                             GPtrArray           **out_problems);
GListModel         *viva_interview_store_get_interviews     (VivaInterviewStore   *self);
gboolean            viva_interview_store_add                (VivaInterviewStore   *self,
                                                             VivaInterview        *interview,
                                                             GError              **error);
VivaInterview      *viva_interview_store_get_unfinished     (VivaInterviewStore   *self);
gboolean            viva_interview_store_flush              (VivaInterviewStore   *self,
                                                             GError              **error);
gboolean            viva_interview_store_delete             (VivaInterviewStore   *self,
                                                             VivaInterview        *interview,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaInterviewProblem, viva_interview_problem_free)

G_END_DECLS
