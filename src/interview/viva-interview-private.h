/* viva-interview-private.h
 *
 * For the interview file reader and writer only: building an interview
 * from a file it has validated completely, without emitting anything;
 * and for the interview only: changing its items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-interview.h"

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

/* Items (viva-interview-item.c): for the interview only. */
VivaInterviewItem *_viva_interview_item_new        (guint                number,
                                                   const char          *text,
                                                   gint64               budget,
                                                   gint64               spent,
                                                   const char          *notes,
                                                   VivaInterviewRating  rating);
gboolean       _viva_interview_item_set_budget    (VivaInterviewItem   *self,
                                                   gint64               budget);
gboolean       _viva_interview_item_set_spent     (VivaInterviewItem   *self,
                                                   gint64               spent);
gboolean       _viva_interview_item_set_notes     (VivaInterviewItem   *self,
                                                   const char          *notes);
gboolean       _viva_interview_item_set_rating    (VivaInterviewItem   *self,
                                                   VivaInterviewRating  rating);

G_END_DECLS
