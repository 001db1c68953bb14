/* viva-interview-private.h
 *
 * For the interview file reader and writer only: building an interview
 * from a file it has validated completely, without emitting anything;
 * and for the interview only: changing its items, and its insides,
 * which its three files share (viva-interview.c the interview and its
 * fields, viva-interview-plan.c its questions, viva-interview-run.c its
 * clock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-interview.h"
#include "viva-stopwatch.h"

G_BEGIN_DECLS

char          *_viva_interview_dup_bounded        (const char          *text,
                                                   gsize                max_size);
VivaInterview *_viva_interview_new_loaded         (const char          *id,
                                                   gint64               created,
                                                   VivaClock           *clock);
void           _viva_interview_load_item          (VivaInterview       *self,
                                                   guint                number,
                                                   const char          *text,
                                                   gint64               budget,
                                                   gint64               spent,
                                                   const char          *notes,
                                                   const char          *code,
                                                   VivaInterviewRating  rating);
void           _viva_interview_load_bank          (VivaInterview       *self,
                                                   const char          *bank);
void           _viva_interview_load_fields        (VivaInterview       *self,
                                                   const char          *candidate,
                                                   const char          *role,
                                                   const char          *interviewer,
                                                   gint64               date,
                                                   gint64               total_budget,
                                                   VivaInterviewState   state,
                                                   gint64               started,
                                                   gint64               finished,
                                                   gint64               elapsed,
                                                   guint                current,
                                                   VivaInterviewRating  rating,
                                                   const char          *takeaways,
                                                   const char          *summary);

/* The interview's insides: for viva-interview.c, viva-interview-plan.c
 * and viva-interview-run.c only. */
struct _VivaInterview
{
  GObject              parent_instance;

  /* Owned */
  VivaClock           *clock;
  char                *id;
  char                *candidate;
  char                *role;
  char                *interviewer;
  /* The bank the planned numbers are of; "" when not known. */
  char                *bank;
  char                *takeaways;
  char                *summary;
  GPtrArray           *items;          /* (element-type VivaInterviewItem) (owned) */

  gint64               created;        /* wall clock, usec */
  gint64               date;           /* wall clock, usec; 0 for none */
  gint64               started;        /* wall clock, usec; 0 until started */
  gint64               finished;       /* wall clock, usec; 0 until finished */
  gint64               total_budget;
  /* Time run before the current stretch, in microseconds. */
  gint64               elapsed;
  /* Runs while the interview runs: the current stretch, charged to the
   * interview and its current question. The clock's origin is arbitrary,
   * so it is never saved. */
  VivaStopwatch        stopwatch;
  guint                current;
  VivaInterviewState   state;
  VivaInterviewRating  recommendation;

  guint                read_only : 1;
};

static inline VivaInterviewItem *
_viva_interview_get_item_at (VivaInterview *self,
                             guint          index)
{
  return g_ptr_array_index (self->items, index);
}

/* viva-interview.c */
gboolean       _viva_interview_text_is_acceptable (const char          *text,
                                                   gsize                max_size);
void           _viva_interview_emit_changed       (VivaInterview       *self);
void           _viva_interview_emit_item_changed  (VivaInterview       *self,
                                                   guint                index);
void           _viva_interview_notify_n_items     (VivaInterview       *self);
void           _viva_interview_notify_current     (VivaInterview       *self);
void           _viva_interview_notify_state       (VivaInterview       *self);
void           _viva_interview_notify_unfinished  (VivaInterview       *self);

/* viva-interview-plan.c */
void           _viva_interview_list_model_iface_init (GListModelInterface *iface);

/* viva-interview-run.c */
void           _viva_interview_settle             (VivaInterview       *self);

/* Items (viva-interview-item.c): for the interview only. */
VivaInterviewItem *_viva_interview_item_new        (guint                number,
                                                   const char          *text,
                                                   gint64               budget,
                                                   gint64               spent,
                                                   const char          *notes,
                                                   const char          *code,
                                                   VivaInterviewRating  rating);
gboolean       _viva_interview_item_set_budget    (VivaInterviewItem   *self,
                                                   gint64               budget);
gboolean       _viva_interview_item_set_spent     (VivaInterviewItem   *self,
                                                   gint64               spent);
gboolean       _viva_interview_item_set_notes     (VivaInterviewItem   *self,
                                                   const char          *notes);
gboolean       _viva_interview_item_set_code      (VivaInterviewItem   *self,
                                                   const char          *code);
gboolean       _viva_interview_item_set_rating    (VivaInterviewItem   *self,
                                                   VivaInterviewRating  rating);

G_END_DECLS
