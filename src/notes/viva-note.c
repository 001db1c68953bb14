/* viva-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-enum-nick.h"
#include "viva-enums.h"
#include "viva-note-private.h"

struct _VivaNote
{
  GObject          parent_instance;

  char            *bank_id;
  char            *text;
  /* VivaReviewEntry, oldest first, at most VIVA_REVIEW_HISTORY_MAX;
   * NULL until the first review */
  GArray          *history;
  gint64           modified;
  VivaReviewState  review;
  guint            number;
  VivaStatus       status;
  guint            starred : 1;

  /* What viva_note_undo_review() puts back: the state before the last
   * review, and the oldest entry that review pushed out of a full
   * history. Kept in memory only, until the note is loaded again. */
  guint            can_undo : 1;
  guint            undo_has_dropped : 1;
  VivaReviewState  undo_state;
  VivaReviewEntry  undo_dropped;
};

G_DEFINE_FINAL_TYPE (VivaNote, viva_note, G_TYPE_OBJECT)

/* The on-disk spelling of a status: the nick glib-mkenums gives it
 * (viva-types.h), as notes.json has always spelt it. */
const char *
viva_status_to_string (VivaStatus status)
{
  g_return_val_if_fail (status <= VIVA_STATUS_CONFIDENT, "new");

  return viva_enum_to_nick (VIVA_TYPE_STATUS, status);
}

gboolean
viva_status_from_string (const char *str,
                         VivaStatus *status)
{
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_STATUS, str, &value))
    return FALSE;

  *status = (VivaStatus) value;
  return TRUE;
}

/* _viva_note_review_equal() compares them with memcmp(): no padding. */
G_STATIC_ASSERT (sizeof (VivaReviewState) == 2 * sizeof (gint64) + 4 * sizeof (guint));
G_STATIC_ASSERT (sizeof (VivaReviewEntry) == sizeof (gint64) + 2 * sizeof (int));

enum {
  PROP_0,
  PROP_BANK_ID,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_HAS_TEXT,
  PROP_STATUS,
  PROP_STARRED,
  PROP_MODIFIED,
  PROP_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_note_touch (VivaNote *self)
{
  self->modified = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
viva_note_finalize (GObject *object)
{
  VivaNote *self = (VivaNote *)object;

  g_clear_pointer (&self->bank_id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (viva_note_parent_class)->finalize (object);
}

static void
viva_note_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VivaNote *self = VIVA_NOTE (object);

  switch (prop_id)
    {
    case PROP_BANK_ID:
      g_value_set_string (value, self->bank_id);
      break;

    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_HAS_TEXT:
      g_value_set_boolean (value, viva_note_get_has_text (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_DUE:
      g_value_set_int64 (value, self->review.due);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_note_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VivaNote *self = VIVA_NOTE (object);

  switch (prop_id)
    {
    case PROP_BANK_ID:
      self->bank_id = g_value_dup_string (value);
      break;

    case PROP_NUMBER:
      self->number = g_value_get_uint (value);
      break;

    case PROP_TEXT:
      viva_note_set_text (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      viva_note_set_status (self, g_value_get_enum (value));
      break;

    case PROP_STARRED:
      viva_note_set_starred (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_note_class_init (VivaNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_note_finalize;
  object_class->get_property = viva_note_get_property;
  object_class->set_property = viva_note_set_property;

  properties[PROP_BANK_ID] =
    g_param_spec_string ("bank-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_TEXT] =
    g_param_spec_boolean ("has-text", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       VIVA_TYPE_STATUS, VIVA_STATUS_NEW,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNote:due:
   *
   * When Review asks the question again, in microseconds since 1970
   * (UTC); 0 for a question never reviewed. Notified at every review
   * and undone review, even when the time stays the same, so that
   * whoever saves or counts notes hears of each one.
   */
  properties[PROP_DUE] =
    g_param_spec_int64 ("due", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_note_init (VivaNote *self)
{
  self->text = g_strdup ("");
  viva_review_state_init (&self->review);
}

VivaNote *
viva_note_new (const char *bank_id,
               guint       number)
{
  g_return_val_if_fail (bank_id != NULL, NULL);

  return g_object_new (VIVA_TYPE_NOTE,
                       "bank-id", bank_id,
                       "number", number,
                       NULL);
}

const char *
viva_note_get_bank_id (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return self->bank_id;
}

guint
viva_note_get_number (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), 0);

  return self->number;
}

const char *
viva_note_get_text (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return self->text;
}

/* A note "has text" once it holds more than white space: that is what the
 * sidebar counts as a note written. */
gboolean
viva_note_get_has_text (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  for (const char *p = self->text; *p; p++)
    {
      if (!g_ascii_isspace (*p))
        return TRUE;
    }

  return FALSE;
}

void
viva_note_set_text (VivaNote   *self,
                    const char *text)
{
  gboolean had_text;

  g_return_if_fail (VIVA_IS_NOTE (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->text, text) == 0)
    return;

  had_text = viva_note_get_has_text (self);

  g_free (self->text);
  self->text = g_strdup (text);

  g_object_freeze_notify (G_OBJECT (self));
  viva_note_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  if (had_text != viva_note_get_has_text (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TEXT]);
  g_object_thaw_notify (G_OBJECT (self));
}

VivaStatus
viva_note_get_status (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), VIVA_STATUS_NEW);

  return self->status;
}

void
viva_note_set_status (VivaNote   *self,
                      VivaStatus  status)
{
  g_return_if_fail (VIVA_IS_NOTE (self));
  g_return_if_fail (status <= VIVA_STATUS_CONFIDENT);

  if (self->status == status)
    return;

  self->status = status;

  g_object_freeze_notify (G_OBJECT (self));
  viva_note_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
viva_note_get_starred (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  return self->starred;
}

void
viva_note_set_starred (VivaNote *self,
                       gboolean  starred)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  starred = !!starred;

  if (self->starred == starred)
    return;

  self->starred = starred;

  g_object_freeze_notify (G_OBJECT (self));
  viva_note_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Wall-clock time of the last change, in microseconds since the epoch
 * (g_get_real_time()); 0 for a note never changed. */
gint64
viva_note_get_modified (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), 0);

  return self->modified;
}

/* A blank note carries nothing worth saving. */
gboolean
viva_note_is_blank (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), TRUE);

  return self->text[0] == '\0' &&
         self->status == VIVA_STATUS_NEW &&
         !self->starred &&
         viva_review_state_is_new (&self->review);
}

/**
 * viva_note_get_review_state:
 * @self: a note
 *
 * Returns: (transfer none): where the question stands in Review's
 *   schedule; viva_review_state_is_new() for one never reviewed
 */
const VivaReviewState *
viva_note_get_review_state (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return &self->review;
}

/**
 * viva_note_get_history:
 * @self: a note
 * @n_entries: (out): how many reviews there are
 *
 * The most recent reviews, at most %VIVA_REVIEW_HISTORY_MAX, oldest
 * first.
 *
 * Returns: (transfer none) (array length=n_entries) (nullable): the
 *   reviews, valid until the note changes; %NULL when there are none
 */
const VivaReviewEntry *
viva_note_get_history (VivaNote *self,
                       guint    *n_entries)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  if (self->history == NULL || self->history->len == 0)
    {
      *n_entries = 0;
      return NULL;
    }

  *n_entries = self->history->len;

  return &g_array_index (self->history, VivaReviewEntry, 0);
}

/* When Review asks the question again; 0 for never reviewed. */
gint64
viva_note_get_due (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), 0);

  return self->review.due;
}

/* Whether Review should ask the question on @day: see
 * viva_review_state_is_due(). */
gboolean
viva_note_is_due (VivaNote            *self,
                  const VivaReviewDay *day)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  return viva_review_state_is_due (&self->review, day);
}

static void
viva_note_reviewed (VivaNote *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  viva_note_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * viva_note_review:
 * @self: a note
 * @grade: how well the question was answered
 * @source: where: in Review, or rating a mock interview
 * @now: when, in microseconds since 1970 (UTC): g_get_real_time()
 *
 * Applies a grade: reschedules the question (viva_scheduler_review())
 * and adds the review to its history, dropping the oldest one past
 * %VIVA_REVIEW_HISTORY_MAX. Like any change, it sets "modified", so that
 * the note wins over an older copy when two Vivas merge their files.
 * The study status is left alone; see viva_review_grade_to_status().
 */
void
viva_note_review (VivaNote         *self,
                  VivaReviewGrade   grade,
                  VivaReviewSource  source,
                  gint64            now)
{
  VivaReviewEntry entry = { now, grade, source };

  g_return_if_fail (VIVA_IS_NOTE (self));
  g_return_if_fail (grade >= VIVA_REVIEW_GRADE_AGAIN && grade <= VIVA_REVIEW_GRADE_EASY);
  g_return_if_fail (source <= VIVA_REVIEW_SOURCE_MOCK);
  g_return_if_fail (now > 0);

  if (self->history == NULL)
    self->history = g_array_sized_new (FALSE, FALSE, sizeof (VivaReviewEntry), 4);

  self->undo_state = self->review;
  self->undo_has_dropped = self->history->len >= VIVA_REVIEW_HISTORY_MAX;
  if (self->undo_has_dropped)
    {
      self->undo_dropped = g_array_index (self->history, VivaReviewEntry, 0);
      g_array_remove_index (self->history, 0);
    }
  self->can_undo = TRUE;

  g_array_append_val (self->history, entry);
  viva_scheduler_review (&self->review, grade, now, &self->review);

  viva_note_reviewed (self);
}

/**
 * viva_note_undo_review:
 * @self: a note
 * @reviewed_at: the @now of the review to undo
 *
 * Takes back the last review, when it is the one given at @reviewed_at
 * in this process and nothing replaced the note since (loading or
 * merging a file does): for a grade given by mistake, or a mock
 * interview rating changed. Sets "modified".
 *
 * Returns: %TRUE if the review was undone
 */
gboolean
viva_note_undo_review (VivaNote *self,
                       gint64    reviewed_at)
{
  const VivaReviewEntry *last;

  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  if (!self->can_undo || self->history == NULL || self->history->len == 0)
    return FALSE;

  last = &g_array_index (self->history, VivaReviewEntry, self->history->len - 1);
  if (last->time != reviewed_at)
    return FALSE;

  g_array_set_size (self->history, self->history->len - 1);
  if (self->undo_has_dropped)
    g_array_prepend_val (self->history, self->undo_dropped);
  self->review = self->undo_state;
  self->can_undo = FALSE;

  viva_note_reviewed (self);

  return TRUE;
}

/* Whether @review and @history are what the note holds. */
gboolean
_viva_note_review_equal (VivaNote              *self,
                         const VivaReviewState *review,
                         const VivaReviewEntry *history,
                         guint                  n_history)
{
  VivaReviewState other;
  guint n = self->history ? self->history->len : 0;

  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  if (review != NULL)
    other = *review;
  else
    viva_review_state_init (&other);

  return memcmp (&self->review, &other, sizeof other) == 0 &&
         n == n_history &&
         (n == 0 || memcmp (self->history->data, history, n * sizeof (VivaReviewEntry)) == 0);
}

void
_viva_note_load (VivaNote              *self,
                 const char            *text,
                 VivaStatus             status,
                 gboolean               starred,
                 gint64                 modified,
                 const VivaReviewState *review,
                 const VivaReviewEntry *history,
                 guint                  n_history)
{
  g_return_if_fail (VIVA_IS_NOTE (self));
  g_return_if_fail (n_history <= VIVA_REVIEW_HISTORY_MAX);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->text, text ? text : "") != 0)
    {
      gboolean had_text = viva_note_get_has_text (self);

      g_free (self->text);
      self->text = g_strdup (text ? text : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
      if (had_text != viva_note_get_has_text (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TEXT]);
    }

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (self->starred != !!starred)
    {
      self->starred = !!starred;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
    }

  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  /* What was on disk replaces the review we could have undone. */
  self->can_undo = FALSE;

  if (!_viva_note_review_equal (self, review, history, n_history))
    {
      if (review != NULL)
        self->review = *review;
      else
        viva_review_state_init (&self->review);

      if (self->history != NULL)
        g_array_set_size (self->history, 0);
      if (n_history > 0)
        {
          if (self->history == NULL)
            self->history = g_array_sized_new (FALSE, FALSE, sizeof (VivaReviewEntry), n_history);
          g_array_append_vals (self->history, history, n_history);
        }

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}
