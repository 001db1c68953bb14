/* viva-interview.h
 *
 * One live interview run by an interviewer (issue 4): who and for what
 * role, the question plan (questions copied from a bank, or the
 * interviewer's own), the notes taken on each question while listening,
 * stamped with the time into the interview, a rating per question, the
 * time spent on each, and, at the end, an overall recommendation, the
 * key takeaways and a summary. GTK-free.
 *
 * Interview notes are not study notes: they live in the interview file
 * (see viva-interview-file.c), never in notes.json.
 *
 * Time is read from a #VivaClock (the system clock unless a test sets a
 * fake one) in wall-clock microseconds, so that an interview interrupted
 * by a crash or a suspend resumes with the right elapsed time.
 * It is measured as the mock interviews' is, by a VivaStopwatch
 * (viva-stopwatch.c).
 *
 * The interview is the #GListModel of its plan's #VivaInterviewItem
 * objects, so that lists bind to it (gtk_list_box_bind_model()).
 *
 * Every change of what is saved emits #VivaInterview::changed, on which
 * VivaInterviewStore autosaves. A read-only interview (one from a newer
 * version of Viva) refuses every change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

/* A plan is a list the interviewer builds by hand: 100 is more than any
 * interview asks, and bounds what a damaged file can make us hold. */
#define VIVA_INTERVIEW_MAX_ITEMS           100
#define VIVA_INTERVIEW_ID_MAX_SIZE         64
/* Names, role: one line each. */
#define VIVA_INTERVIEW_NAME_MAX_SIZE       ((gsize) 4096)
/* Notes, takeaways, summary: the same bound as a study note. */
#define VIVA_INTERVIEW_TEXT_MAX_SIZE       ((gsize) 1024 * 1024)
/* Copied from the bank; longer ones are cut with "…". */
#define VIVA_INTERVIEW_QUESTION_MAX_SIZE   ((gsize) 64 * 1024)
/* Bounds a time read from a file or set: 1,000 hours. */
#define VIVA_INTERVIEW_DURATION_MAX        ((gint64) 1000 * 3600 * G_USEC_PER_SEC)

/**
 * VivaInterviewRating:
 * @VIVA_INTERVIEW_RATING_NONE: not rated yet ("No Decision")
 * @VIVA_INTERVIEW_RATING_STRONG_NO: Strong No
 * @VIVA_INTERVIEW_RATING_NO: No
 * @VIVA_INTERVIEW_RATING_YES: Yes
 * @VIVA_INTERVIEW_RATING_STRONG_YES: Strong Yes
 *
 * The hiring scale, for each question and for the overall
 * recommendation. "No Decision" is the value before one is made, so
 * that it is the zero of the enum.
 */
typedef enum
{
  VIVA_INTERVIEW_RATING_NONE,
  VIVA_INTERVIEW_RATING_STRONG_NO,
  VIVA_INTERVIEW_RATING_NO,
  VIVA_INTERVIEW_RATING_YES,
  VIVA_INTERVIEW_RATING_STRONG_YES,
} VivaInterviewRating;

#define VIVA_INTERVIEW_N_RATINGS (VIVA_INTERVIEW_RATING_STRONG_YES + 1)

/**
 * VivaInterviewState:
 * @VIVA_INTERVIEW_STATE_PLANNED: being planned; the clock has not started
 * @VIVA_INTERVIEW_STATE_RUNNING: the clock runs
 * @VIVA_INTERVIEW_STATE_PAUSED: stopped by the interviewer
 * @VIVA_INTERVIEW_STATE_FINISHED: over; only the verdict (recommendation,
 *   takeaways, summary, ratings, notes) can still be edited
 */
typedef enum
{
  VIVA_INTERVIEW_STATE_PLANNED,
  VIVA_INTERVIEW_STATE_RUNNING,
  VIVA_INTERVIEW_STATE_PAUSED,
  VIVA_INTERVIEW_STATE_FINISHED,
} VivaInterviewState;


#define VIVA_INTERVIEW_ERROR (viva_interview_error_quark ())

/**
 * VivaInterviewError:
 * @VIVA_INTERVIEW_ERROR_READ_ONLY: the interview cannot be changed
 * @VIVA_INTERVIEW_ERROR_FULL: the plan has %VIVA_INTERVIEW_MAX_ITEMS
 * @VIVA_INTERVIEW_ERROR_DUPLICATE: that bank question is already planned
 * @VIVA_INTERVIEW_ERROR_INVALID: an empty question, or a bad index
 */
typedef enum
{
  VIVA_INTERVIEW_ERROR_READ_ONLY,
  VIVA_INTERVIEW_ERROR_FULL,
  VIVA_INTERVIEW_ERROR_DUPLICATE,
  VIVA_INTERVIEW_ERROR_INVALID,
} VivaInterviewError;

#define VIVA_TYPE_INTERVIEW_RATING (viva_interview_rating_get_type ())
#define VIVA_TYPE_INTERVIEW_STATE  (viva_interview_state_get_type ())
#define VIVA_TYPE_INTERVIEW        (viva_interview_get_type ())
#define VIVA_TYPE_INTERVIEW_ITEM   (viva_interview_item_get_type ())

GType viva_interview_rating_get_type (void) G_GNUC_CONST;
GType viva_interview_state_get_type  (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (VivaInterview, viva_interview, VIVA, INTERVIEW, GObject)

/**
 * VivaInterviewItem:
 *
 * One question of the plan (viva-interview-item.c): the interview is a
 * #GListModel of them. Read-only: change it through the interview's
 * setters, which check read-only and emit the signals; its properties
 * notify.
 */
G_DECLARE_FINAL_TYPE (VivaInterviewItem, viva_interview_item, VIVA, INTERVIEW_ITEM, GObject)

guint                    viva_interview_item_get_number         (VivaInterviewItem   *self);
const char              *viva_interview_item_get_text           (VivaInterviewItem   *self);
gint64                   viva_interview_item_get_budget         (VivaInterviewItem   *self);
gint64                   viva_interview_item_get_spent          (VivaInterviewItem   *self);
const char              *viva_interview_item_get_notes          (VivaInterviewItem   *self);
const char              *viva_interview_item_get_code           (VivaInterviewItem   *self);
VivaInterviewRating      viva_interview_item_get_rating         (VivaInterviewItem   *self);

GQuark                   viva_interview_error_quark             (void);
const char              *viva_interview_rating_to_string        (VivaInterviewRating  rating);
gboolean                 viva_interview_rating_from_string      (const char          *str,
                                                                 VivaInterviewRating *rating);
const char              *viva_interview_rating_get_label        (VivaInterviewRating  rating);
const char              *viva_interview_state_to_string         (VivaInterviewState   state);
gboolean                 viva_interview_state_from_string       (const char          *str,
                                                                 VivaInterviewState  *state);
gboolean                 viva_interview_id_is_valid             (const char          *id);

VivaInterview           *viva_interview_new                     (VivaClock           *clock);
VivaClock               *viva_interview_get_clock               (VivaInterview       *self);
const char              *viva_interview_get_id                  (VivaInterview       *self);
gint64                   viva_interview_get_created             (VivaInterview       *self);
gboolean                 viva_interview_get_read_only           (VivaInterview       *self);
void                     viva_interview_set_read_only           (VivaInterview       *self,
                                                                 gboolean             read_only);

const char              *viva_interview_get_candidate           (VivaInterview       *self);
gboolean                 viva_interview_set_candidate           (VivaInterview       *self,
                                                                 const char          *candidate);
const char              *viva_interview_get_role                (VivaInterview       *self);
gboolean                 viva_interview_set_role                (VivaInterview       *self,
                                                                 const char          *role);
const char              *viva_interview_get_bank                (VivaInterview       *self);
gboolean                 viva_interview_set_bank                (VivaInterview       *self,
                                                                 const char          *bank);
const char              *viva_interview_get_interviewer         (VivaInterview       *self);
gboolean                 viva_interview_set_interviewer         (VivaInterview       *self,
                                                                 const char          *interviewer);
gint64                   viva_interview_get_date                (VivaInterview       *self);
gboolean                 viva_interview_set_date                (VivaInterview       *self,
                                                                 gint64               date);
gint64                   viva_interview_get_total_budget        (VivaInterview       *self);
gboolean                 viva_interview_set_total_budget        (VivaInterview       *self,
                                                                 gint64               budget);

guint                    viva_interview_get_n_items             (VivaInterview       *self);
gboolean                 viva_interview_get_plan_editable       (VivaInterview       *self);
VivaInterviewItem       *viva_interview_get_item                (VivaInterview       *self,
                                                                 guint                index);
gboolean                 viva_interview_contains                (VivaInterview       *self,
                                                                 guint                number);
gboolean                 viva_interview_insert                  (VivaInterview       *self,
                                                                 guint                index,
                                                                 guint                number,
                                                                 const char          *text,
                                                                 gint64               budget,
                                                                 GError             **error);
gboolean                 viva_interview_append                  (VivaInterview       *self,
                                                                 guint                number,
                                                                 const char          *text,
                                                                 gint64               budget,
                                                                 GError             **error);
gboolean                 viva_interview_append_question         (VivaInterview       *self,
                                                                 VivaQuestion        *question,
                                                                 gint64               budget,
                                                                 GError             **error);
gboolean                 viva_interview_move                    (VivaInterview       *self,
                                                                 guint                from,
                                                                 guint                to);
gboolean                 viva_interview_remove                  (VivaInterview       *self,
                                                                 guint                index);
gboolean                 viva_interview_set_item_budget         (VivaInterview       *self,
                                                                 guint                index,
                                                                 gint64               budget);
gboolean                 viva_interview_set_item_notes          (VivaInterview       *self,
                                                                 guint                index,
                                                                 const char          *notes);
gboolean                 viva_interview_set_item_code           (VivaInterview       *self,
                                                                 guint                index,
                                                                 const char          *code);
gboolean                 viva_interview_get_has_code            (VivaInterview       *self);
gboolean                 viva_interview_set_item_rating         (VivaInterview       *self,
                                                                 guint                index,
                                                                 VivaInterviewRating  rating);
gboolean                 viva_interview_set_item_spent          (VivaInterview       *self,
                                                                 guint                index,
                                                                 gint64               spent);

VivaInterviewState       viva_interview_get_state               (VivaInterview       *self);
gboolean                 viva_interview_get_unfinished          (VivaInterview       *self);
gint64                   viva_interview_get_started             (VivaInterview       *self);
gint64                   viva_interview_get_finished            (VivaInterview       *self);
guint                    viva_interview_get_current             (VivaInterview       *self);
gboolean                 viva_interview_set_current             (VivaInterview       *self,
                                                                 guint                current);
gboolean                 viva_interview_start                   (VivaInterview       *self);
gboolean                 viva_interview_pause                   (VivaInterview       *self);
gboolean                 viva_interview_resume                  (VivaInterview       *self);
gboolean                 viva_interview_finish                  (VivaInterview       *self);
gint64                   viva_interview_get_elapsed             (VivaInterview       *self);
gboolean                 viva_interview_checkpoint              (VivaInterview       *self);
gint64                   viva_interview_get_item_elapsed        (VivaInterview       *self,
                                                                 guint                index);
gboolean                 viva_interview_stamp_item_notes        (VivaInterview       *self,
                                                                 guint                index,
                                                                 const char          *new_notes);

VivaInterviewRating      viva_interview_get_recommendation      (VivaInterview       *self);
gboolean                 viva_interview_set_recommendation      (VivaInterview       *self,
                                                                 VivaInterviewRating  rating);
const char              *viva_interview_get_takeaways           (VivaInterview       *self);
gboolean                 viva_interview_set_takeaways           (VivaInterview       *self,
                                                                 const char          *takeaways);
const char              *viva_interview_get_summary             (VivaInterview       *self);
gboolean                 viva_interview_set_summary             (VivaInterview       *self,
                                                                 const char          *summary);

/* Stamping notes (viva-interview-stamp.c): pure functions. */

/**
 * VivaStampInsertion:
 * @offset: where a stamp goes, as a byte offset into the new text
 * @length: how many bytes it adds
 */
typedef struct
{
  gsize offset;
  gsize length;
} VivaStampInsertion;

#define VIVA_INTERVIEW_STAMP_MAX_SIZE 32

void                     viva_interview_format_stamp            (gint64               elapsed_usec,
                                                                 char                *buf,
                                                                 gsize                buf_len);
gsize                    viva_interview_parse_stamp             (const char          *text,
                                                                 gint64              *out_elapsed);
char                    *viva_interview_stamp_paragraphs        (const char          *old_text,
                                                                 const char          *new_text,
                                                                 gint64               elapsed_usec);
char                    *viva_interview_stamp_paragraphs_full   (const char          *old_text,
                                                                 const char          *new_text,
                                                                 gint64               elapsed_usec,
                                                                 GArray             **out_insertions);

/* What a code run leaves in the notes: the code and the output kept
 * whole up to these sizes, then cut with a line that says how much more
 * there was. The notes of a question hold 1 MB. */
#define VIVA_INTERVIEW_RUN_CODE_MAX_SIZE     ((gsize) 32 * 1024)
#define VIVA_INTERVIEW_RUN_OUTPUT_MAX_SIZE   ((gsize) 8 * 1024)
#define VIVA_INTERVIEW_RUN_OUTPUT_MAX_LINES  100

char                    *viva_interview_format_code_run         (gint64               elapsed_usec,
                                                                 const char          *summary,
                                                                 const char          *code,
                                                                 const char          *output);
char                    *viva_interview_dup_paragraph_separator (const char          *notes);

/* The report (viva-interview-report.c). */
char                    *viva_interview_to_markdown             (VivaInterview       *self);
char                    *viva_interview_format_date             (VivaInterview       *self,
                                                                 const char          *format);

G_END_DECLS
