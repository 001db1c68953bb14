/* viva-bank.h
 *
 * A question bank: levels, topics and questions parsed from Markdown.
 * GTK-free: links against GLib/GIO and md4c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_BANK_ERROR (viva_bank_error_quark ())

typedef enum
{
  VIVA_BANK_ERROR_EMPTY,
  VIVA_BANK_ERROR_TOO_LARGE,
  VIVA_BANK_ERROR_BINARY,
  VIVA_BANK_ERROR_NOT_UTF8,
  VIVA_BANK_ERROR_NO_LEVELS,
  VIVA_BANK_ERROR_NO_QUESTIONS,
  VIVA_BANK_ERROR_DUPLICATE,
  VIVA_BANK_ERROR_MALFORMED,
} VivaBankError;

/* Larger than any bank a team keeps (100,000 questions is ~15 MiB). */
#define VIVA_BANK_MAX_SIZE ((gsize) 128 * 1024 * 1024)

#define VIVA_BUNDLED_BANK_ID       "python-interview-questions"
#define VIVA_BUNDLED_BANK_RESOURCE "/io/github/vivaprep/Viva/banks/python-interview-questions.md"

#define VIVA_TYPE_BANK (viva_bank_get_type ())

G_DECLARE_FINAL_TYPE (VivaBank, viva_bank, VIVA, BANK, GObject)

GQuark        viva_bank_error_quark          (void);
VivaBank     *viva_bank_new_from_bytes       (GBytes               *bytes,
                                              const char           *id,
                                              GError              **error);
VivaBank     *viva_bank_new_bundled          (GError              **error);
void          viva_bank_load_file_async      (GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
VivaBank     *viva_bank_load_file_finish     (GAsyncResult         *result,
                                              GError              **error);
VivaBank     *viva_bank_new_from_file        (GFile                *file,
                                              GCancellable         *cancellable,
                                              GError              **error);
char         *viva_bank_id_for_file          (GFile                *file);
const char   *viva_bank_get_id               (VivaBank             *self);
const char   *viva_bank_get_title            (VivaBank             *self);
GFile        *viva_bank_get_file             (VivaBank             *self);
GListModel   *viva_bank_get_levels           (VivaBank             *self);
GListModel   *viva_bank_get_questions        (VivaBank             *self);
guint         viva_bank_get_n_levels         (VivaBank             *self);
guint         viva_bank_get_n_topics         (VivaBank             *self);
guint         viva_bank_get_n_questions      (VivaBank             *self);
VivaQuestion *viva_bank_lookup_question      (VivaBank             *self,
                                              guint                 number);
char         *viva_bank_dup_question_markup  (VivaBank             *bank,
                                              const char           *bank_id,
                                              guint                 number,
                                              const char           *text);
const char   *viva_bank_lookup_answer        (VivaBank             *bank,
                                              const char           *bank_id,
                                              guint                 number,
                                              const char           *text);
GPtrArray    *viva_bank_find_related         (VivaBank             *self,
                                              VivaQuestion         *question,
                                              guint                 max);
gboolean      viva_bank_has_related_index    (VivaBank             *self);
void          viva_bank_index_related_async  (VivaBank             *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      viva_bank_index_related_finish (VivaBank             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
