/* viva-owned-banks.h
 *
 * The banks the user owns: My Questions (banks/my-questions.md) and the
 * banks Viva imported (banks/<id>.md), all in
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/banks/. A bank stays read-only
 * in memory; this store is what changes one: each edit reads the file as
 * it is now, applies the edit, writes it atomically and parses it back,
 * with the safety rules of the notes (0600 in a 0700 folder, a .bak, a
 * damaged file moved aside, an unreadable or newer one never written).
 *
 * A question's number never changes and is never given twice: a new one
 * gets 1 + the largest number of the bank, of its deleted questions
 * (banks/deleted/<id>.md) and of the notes kept for the bank's id.
 * Deleting moves the question to banks/deleted/<id>.md and leaves its
 * note untouched; restoring moves it back.
 *
 * GTK-free: links against GLib/GIO only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_MY_QUESTIONS_ID "my-questions"

#define VIVA_OWNED_BANKS_ERROR (viva_owned_banks_error_quark ())

/* The first four as VivaDataFileErrorCode, asserted at compile time. */
typedef enum
{
  VIVA_OWNED_BANKS_ERROR_TOO_LARGE,
  VIVA_OWNED_BANKS_ERROR_TOO_DEEP,
  VIVA_OWNED_BANKS_ERROR_INVALID,
  VIVA_OWNED_BANKS_ERROR_FUTURE_VERSION,
  /* Not a bank Viva keeps, or unreadable: never written. */
  VIVA_OWNED_BANKS_ERROR_READ_ONLY,
  /* The question went meanwhile. */
  VIVA_OWNED_BANKS_ERROR_NOT_FOUND,
} VivaOwnedBanksError;

GQuark    viva_owned_banks_error_quark     (void);

/* $XDG_DATA_HOME/io.github.vivaprep.Viva/banks */
char     *viva_owned_banks_dup_default_dir (void);
/* TRUE for a .md file directly in that folder (links resolved): the
 * user's own banks. banks/deleted/ holds no bank the user edits. */
gboolean  viva_owned_banks_is_owned_file   (GFile      *file);
/* Slug of @title (a-z0-9-, at most 64 bytes), never the bundled id,
 * VIVA_MY_QUESTIONS_ID or a file already in @dir: "-2", "-3"… */
char     *viva_owned_banks_dup_unique_id   (const char *dir,
                                            const char *title);

typedef struct
{
  /* 0: a new level named @level_name (or the level of that name). */
  guint  level_number;
  char  *level_name;
  /* NULL: directly under the level; may be new. */
  char  *topic;
  /* Markdown inline: backticks are code; newlines become line breaks. */
  char  *text;
  /* Markdown, or NULL. */
  char  *answer;
} VivaQuestionDraft;

void      viva_question_draft_clear        (VivaQuestionDraft *draft);

#define VIVA_TYPE_OWNED_BANKS (viva_owned_banks_get_type ())

G_DECLARE_FINAL_TYPE (VivaOwnedBanks, viva_owned_banks, VIVA, OWNED_BANKS, GObject)

/* @dir: where the banks live; NULL for viva_owned_banks_dup_default_dir().
 * Nothing is read or made before the first edit. */
VivaOwnedBanks *viva_owned_banks_new                    (const char          *dir);
const char     *viva_owned_banks_get_dir                (VivaOwnedBanks      *self);
char           *viva_owned_banks_dup_my_questions_path  (VivaOwnedBanks      *self);
/* Which notes count for 4.2's "never given twice" (nullable; the
 * numbers are read on the main thread when an add starts). */
void            viva_owned_banks_set_notes_store        (VivaOwnedBanks      *self,
                                                         VivaNotesStore      *notes);
/* TRUE when @path (links resolved) is a bank in the store's folder. */
gboolean        viva_owned_banks_owns_path              (VivaOwnedBanks      *self,
                                                         const char          *path);

/* Each edit: a worker, under <file>.lock, reads the file as it is now
 * (damaged: moved aside, .bak tried; newer or unreadable: READ_ONLY),
 * applies the edit, writes atomically (0600, .bak), parses the result
 * back. The finish returns the new bank, or NULL without error when no
 * question is left (decision 4.7). @bank_path NULL: My Questions, made
 * on first add (title "My Questions"). The application is held while an
 * edit is in flight. */
void      viva_owned_banks_add_question_async      (VivaOwnedBanks          *self,
                                                    const char              *bank_path,
                                                    const VivaQuestionDraft *draft,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
VivaBank *viva_owned_banks_add_question_finish     (VivaOwnedBanks          *self,
                                                    GAsyncResult            *result,
                                                    guint                   *out_number,
                                                    GError                 **error);
/* Keeps the number; level, topic, text and answer from @draft. */
void      viva_owned_banks_edit_question_async     (VivaOwnedBanks          *self,
                                                    const char              *bank_path,
                                                    guint                    number,
                                                    const VivaQuestionDraft *draft,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
VivaBank *viva_owned_banks_edit_question_finish    (VivaOwnedBanks          *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
/* Moves the question to banks/deleted/<id>.md; its note stays. */
void      viva_owned_banks_delete_question_async   (VivaOwnedBanks          *self,
                                                    const char              *bank_path,
                                                    guint                    number,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
VivaBank *viva_owned_banks_delete_question_finish  (VivaOwnedBanks          *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
/* Moves a deleted question back, under its level and topic. */
void      viva_owned_banks_restore_question_async  (VivaOwnedBanks          *self,
                                                    const char              *bank_path,
                                                    guint                    number,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
VivaBank *viva_owned_banks_restore_question_finish (VivaOwnedBanks          *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);

G_END_DECLS
