/* viva-interview-template.h
 *
 * A reusable interview plan ("Backend, 45 min"): a name, the questions
 * (bank numbers with their text copied, or the interviewer's own), a
 * budget per question and one for the whole interview. GTK-free.
 *
 * The templates are kept together in one versioned file,
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/interview-templates.json (format
 * at the top of viva-interview-template.c), under the same safety rules
 * as the interviews: a file that cannot be read is moved aside unchanged
 * and reported, never overwritten; a file from a newer version loads
 * read-only and is never written; writes are atomic and durable, 0600 in
 * a 0700 folder, under a lock, keeping a ".bak".
 *
 * Loading and the edits (add, rename, delete, restore a deleted one)
 * are plain blocking functions on a small file, each with an _async
 * pair that runs it in a thread for the main loop. Each edit reads the
 * file again first and changes only the template it names, so that
 * templates saved meanwhile by another Viva window are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-data-file.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_INTERVIEW_TEMPLATES_MAX 200

/**
 * VivaInterviewTemplateItem:
 * @number: the bank's question number, 0 for the interviewer's own
 * @text: the question as plain text
 * @budget: its budget in microseconds, 0 for none
 */
typedef struct
{
  guint   number;
  char   *text;
  gint64  budget;
} VivaInterviewTemplateItem;

/**
 * VivaInterviewTemplatesLoad:
 * @templates: (element-type VivaInterviewTemplate): what the file holds,
 *   in its order
 * @read_only: whether the file is from a newer version: shown, never
 *   written
 * @stamp: the file as read, to pass back to the save
 * @problem: (nullable): why the file did not load, for the user
 * @moved_aside_path: (nullable): where the damaged file was moved, byte
 *   for byte
 */
typedef struct
{
  GPtrArray     *templates;
  gboolean       read_only;
  VivaFileStamp  stamp;
  char          *problem;
  char          *moved_aside_path;
} VivaInterviewTemplatesLoad;

#define VIVA_TYPE_INTERVIEW_TEMPLATE (viva_interview_template_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewTemplate, viva_interview_template, VIVA, INTERVIEW_TEMPLATE, GObject)

VivaInterviewTemplate           *viva_interview_template_new                (const char                 *name);
VivaInterviewTemplate           *viva_interview_template_new_from_interview (VivaInterview              *interview,
                                                                             const char                 *name);
const char                      *viva_interview_template_get_name           (VivaInterviewTemplate      *self);
gboolean                         viva_interview_template_set_name           (VivaInterviewTemplate      *self,
                                                                             const char                 *name);
gint64                           viva_interview_template_get_total_budget   (VivaInterviewTemplate      *self);
gboolean                         viva_interview_template_set_total_budget   (VivaInterviewTemplate      *self,
                                                                             gint64                      budget);
guint                            viva_interview_template_get_n_items        (VivaInterviewTemplate      *self);
const VivaInterviewTemplateItem *viva_interview_template_get_item           (VivaInterviewTemplate      *self,
                                                                             guint                       index);
gboolean                         viva_interview_template_append             (VivaInterviewTemplate      *self,
                                                                             guint                       number,
                                                                             const char                 *text,
                                                                             gint64                      budget,
                                                                             GError                    **error);
VivaInterview                   *viva_interview_template_instantiate        (VivaInterviewTemplate      *self,
                                                                             VivaClock                  *clock);

gboolean                         viva_interview_templates_check_name        (GPtrArray                  *templates,
                                                                             const char                 *name,
                                                                             const char                 *except,
                                                                             GError                    **error);

char                            *viva_interview_templates_dup_default_path  (void);
VivaInterviewTemplatesLoad      *viva_interview_templates_load              (const char                 *path);
void                             viva_interview_templates_load_free         (VivaInterviewTemplatesLoad *load);
gboolean                         viva_interview_templates_save              (const char                 *path,
                                                                             GPtrArray                  *templates,
                                                                             VivaFileStamp              *stamp,
                                                                             GError                    **error);
VivaInterviewTemplatesLoad      *viva_interview_templates_add               (const char                 *path,
                                                                             VivaInterviewTemplate      *template,
                                                                             GError                    **error);
VivaInterviewTemplatesLoad      *viva_interview_templates_rename            (const char                 *path,
                                                                             const char                 *name,
                                                                             const char                 *new_name,
                                                                             GError                    **error);
VivaInterviewTemplatesLoad      *viva_interview_templates_delete            (const char                 *path,
                                                                             const char                 *name,
                                                                             GError                    **error);
VivaInterviewTemplatesLoad      *viva_interview_templates_restore           (const char                 *path,
                                                                             VivaInterviewTemplate      *template,
                                                                             guint                       position,
                                                                             GError                    **error);
void                             viva_interview_templates_load_async        (const char                 *path,
                                                                             GCancellable               *cancellable,
                                                                             GAsyncReadyCallback         callback,
                                                                             gpointer                    user_data);
VivaInterviewTemplatesLoad      *viva_interview_templates_load_finish       (GAsyncResult               *result,
                                                                             GError                    **error);
void                             viva_interview_templates_save_async        (const char                 *path,
                                                                             VivaInterviewTemplate      *template,
                                                                             GCancellable               *cancellable,
                                                                             GAsyncReadyCallback         callback,
                                                                             gpointer                    user_data);
void                             viva_interview_templates_rename_async      (const char                 *path,
                                                                             const char                 *name,
                                                                             const char                 *new_name,
                                                                             GCancellable               *cancellable,
                                                                             GAsyncReadyCallback         callback,
                                                                             gpointer                    user_data);
void                             viva_interview_templates_delete_async      (const char                 *path,
                                                                             const char                 *name,
                                                                             GCancellable               *cancellable,
                                                                             GAsyncReadyCallback         callback,
                                                                             gpointer                    user_data);
void                             viva_interview_templates_restore_async     (const char                 *path,
                                                                             VivaInterviewTemplate      *template,
                                                                             guint                       position,
                                                                             GCancellable               *cancellable,
                                                                             GAsyncReadyCallback         callback,
                                                                             gpointer                    user_data);
VivaInterviewTemplatesLoad      *viva_interview_templates_save_finish       (GAsyncResult               *result,
                                                                             GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaInterviewTemplatesLoad, viva_interview_templates_load_free)

G_END_DECLS
