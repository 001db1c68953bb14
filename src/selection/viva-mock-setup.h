/* viva-mock-setup.h
 *
 * The choices made before a mock interview, and the selection of its
 * questions from a bank. Plain data, GTK-free: the setup page binds to
 * the properties, GSettings remembers them as a variant.
 *
 * Which questions: #VivaMockSetup:chosen holds keys, "level:N" for all of
 * level N and "topic:N:Name" for the topic Name of level N (levels
 * without topics are chosen by level). A question is in the pool when its
 * level or its topic is chosen; no key at all means the whole bank.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_MOCK_SETUP_MIN_QUESTIONS     1
#define VIVA_MOCK_SETUP_MAX_QUESTIONS     50
#define VIVA_MOCK_SETUP_DEFAULT_QUESTIONS 10

/* Levels 1 to 6 have a budget each; deeper levels use level 6's. */
#define VIVA_MOCK_SETUP_N_LEVEL_BUDGETS   6

/* The Preferences allow 1 to 120 minutes a question; a whole interview
 * may take up to 50 questions at 120 minutes. */
#define VIVA_MOCK_BUDGET_MIN               ((gint64) 60 * G_USEC_PER_SEC)
#define VIVA_MOCK_LEVEL_BUDGET_MAX         ((gint64) 120 * 60 * G_USEC_PER_SEC)
#define VIVA_MOCK_TOTAL_BUDGET_MAX         (VIVA_MOCK_SETUP_MAX_QUESTIONS * VIVA_MOCK_LEVEL_BUDGET_MAX)
#define VIVA_MOCK_TOTAL_BUDGET_DEFAULT     ((gint64) 30 * 60 * G_USEC_PER_SEC)

/* Keys of #VivaMockSetup:chosen longer than this are not ours. */
#define VIVA_MOCK_SETUP_KEY_MAX_SIZE      1024
#define VIVA_MOCK_SETUP_MAX_KEYS          4096

#define VIVA_MOCK_SETUP_ERROR (viva_mock_setup_error_quark ())

/**
 * VivaMockSetupError:
 * @VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS: nothing is left to ask once the
 *   choices are applied; the message says why
 */
typedef enum
{
  VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS,
} VivaMockSetupError;

/**
 * VivaMockBudgetMode:
 * @VIVA_MOCK_BUDGET_PER_LEVEL: each question has its level's budget
 * @VIVA_MOCK_BUDGET_TOTAL: one budget for the whole interview; questions
 *   have none of their own
 */
typedef enum
{
  VIVA_MOCK_BUDGET_PER_LEVEL,
  VIVA_MOCK_BUDGET_TOTAL,
} VivaMockBudgetMode;

#define VIVA_TYPE_MOCK_BUDGET_MODE (viva_mock_budget_mode_get_type ())
#define VIVA_TYPE_MOCK_SETUP       (viva_mock_setup_get_type ())

GType viva_mock_budget_mode_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (VivaMockSetup, viva_mock_setup, VIVA, MOCK_SETUP, GObject)

GQuark               viva_mock_setup_error_quark           (void);
VivaMockSetup       *viva_mock_setup_new                   (void);

const char * const  *viva_mock_setup_get_chosen            (VivaMockSetup       *self);
void                 viva_mock_setup_set_chosen            (VivaMockSetup       *self,
                                                            const char * const  *chosen);
char                *viva_mock_setup_dup_level_key         (guint                level_number);
char                *viva_mock_setup_dup_topic_key         (guint                level_number,
                                                            const char          *topic_name);
gboolean             viva_mock_setup_get_level_chosen      (VivaMockSetup       *self,
                                                            guint                level_number);
void                 viva_mock_setup_set_level_chosen      (VivaMockSetup       *self,
                                                            guint                level_number,
                                                            gboolean             chosen);
gboolean             viva_mock_setup_get_topic_chosen      (VivaMockSetup       *self,
                                                            guint                level_number,
                                                            const char          *topic_name);
void                 viva_mock_setup_set_topic_chosen      (VivaMockSetup       *self,
                                                            guint                level_number,
                                                            const char          *topic_name,
                                                            gboolean             chosen);

guint                viva_mock_setup_get_n_questions       (VivaMockSetup       *self);
void                 viva_mock_setup_set_n_questions       (VivaMockSetup       *self,
                                                            guint                n_questions);
gboolean             viva_mock_setup_get_random_order      (VivaMockSetup       *self);
void                 viva_mock_setup_set_random_order      (VivaMockSetup       *self,
                                                            gboolean             random_order);
gboolean             viva_mock_setup_get_skip_confident    (VivaMockSetup       *self);
void                 viva_mock_setup_set_skip_confident    (VivaMockSetup       *self,
                                                            gboolean             skip_confident);
VivaMockBudgetMode   viva_mock_setup_get_budget_mode       (VivaMockSetup       *self);
void                 viva_mock_setup_set_budget_mode       (VivaMockSetup       *self,
                                                            VivaMockBudgetMode   mode);
gint64               viva_mock_setup_get_total_budget      (VivaMockSetup       *self);
void                 viva_mock_setup_set_total_budget      (VivaMockSetup       *self,
                                                            gint64               usec);
gint64               viva_mock_setup_get_level_budget      (VivaMockSetup       *self,
                                                            guint                level_number);
void                 viva_mock_setup_set_level_budget      (VivaMockSetup       *self,
                                                            guint                level_number,
                                                            gint64               usec);
gint64               viva_mock_setup_get_budget_for_level  (VivaMockSetup       *self,
                                                            guint                level_number);
gboolean             viva_mock_setup_get_auto_advance      (VivaMockSetup       *self);
void                 viva_mock_setup_set_auto_advance      (VivaMockSetup       *self,
                                                            gboolean             auto_advance);
guint64              viva_mock_setup_get_seed              (VivaMockSetup       *self);
void                 viva_mock_setup_set_seed              (VivaMockSetup       *self,
                                                            guint64              seed);

GVariant            *viva_mock_setup_to_variant            (VivaMockSetup       *self);
VivaMockSetup       *viva_mock_setup_new_from_variant      (GVariant            *variant);

GPtrArray           *viva_mock_setup_select                (VivaMockSetup       *self,
                                                            VivaBank            *bank,
                                                            VivaNotesStore      *notes,
                                                            guint64             *out_seed,
                                                            GError             **error);
GPtrArray           *viva_mock_setup_select_excluding      (VivaMockSetup       *self,
                                                            VivaBank            *bank,
                                                            VivaNotesStore      *notes,
                                                            GHashTable          *excluded,
                                                            guint64             *out_seed,
                                                            GError             **error);
gint64               viva_mock_setup_total_budget          (VivaMockSetup       *self,
                                                            GPtrArray           *questions);

G_END_DECLS
