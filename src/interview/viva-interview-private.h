/* viva-interview-private.h
 *
 * For the interview file reader and writer only: building an interview
 * from a file it has validated completely, without emitting anything.
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

G_END_DECLS
