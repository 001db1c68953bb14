/* viva-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-code-case.h"
#include "viva-enum-nick.h"
#include "viva-enums.h"
#include "viva-note-private.h"

struct _VivaNote
{
  GObject          parent_instance;

  char            *bank_id;
  char            *text;
  /* The question's scratchpad: the Python code, the user's last
   * prediction of its output ("Your answer"), and their own test cases
   * (VivaCodeCase; NULL when there are none). */
  char            *code;
  char            *prediction;
  GPtrArray       *cases;
  /* VivaReviewEntry, oldest first, at most VIVA_REVIEW_HISTORY_MAX;
   * NULL until the first review */
  GArray          *history;
  gint64           modified;
  /* The store's (viva_notes_store_set_scheduler_config()); NULL for a
   * note of no store, graded with the defaults */
  const VivaSchedulerConfig *scheduler_config;
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

/* _viva_note_review_equal() compares histories with memcmp(): no
 * padding. */
G_STATIC_ASSERT (sizeof (VivaReviewEntry) == sizeof (gint64) + 2 * sizeof (int));

/* Member by member: the state holds doubles (and may have padding). The
 * memory is compared exactly, as it round-trips exactly through
 * notes.json. */
gboolean
_viva_review_state_equal (const VivaReviewState *a,
                          const VivaReviewState *b)
{
  return a->due == b->due &&
         a->last_review == b->last_review &&
         a->repetitions == b->repetitions &&
         a->lapses == b->lapses &&
         a->ease == b->ease &&
         a->interval == b->interval &&
         a->stability == b->stability &&
         a->difficulty == b->difficulty &&
         a->step == b->step &&
         a->reviews == b->reviews;
}

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
  PROP_CODE,
  PROP_PREDICTION,
  PROP_CASES,
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
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->prediction, g_free);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
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

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_PREDICTION:
      g_value_set_string (value, self->prediction);
      break;

    case PROP_CASES:
      g_value_take_boxed (value, viva_note_dup_cases (self));
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

    case PROP_CODE:
      viva_note_set_code (self, g_value_get_string (value));
      break;

    case PROP_PREDICTION:
      viva_note_set_prediction (self, g_value_get_string (value));
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
   * and undone review, even when the time stays the same, and when the
   * FSRS memory was recomputed for new parameters, so that whoever
   * saves or counts notes hears of each one.
   */
  properties[PROP_DUE] =
    g_param_spec_int64 ("due", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNote:code:
   *
   * The Python code of the question's scratchpad, as the user left it;
   * "" until they change what Viva first put there
   * (viva_code_extract_from_question()).
   */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNote:prediction:
   *
   * What the user last predicted the scratchpad prints ("Your answer").
   */
  properties[PROP_PREDICTION] =
    g_param_spec_string ("prediction", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNote:cases:
   *
   * The user's own test cases (#VivaCodeCase), a copy; set them with
   * viva_note_set_cases().
   */
  properties[PROP_CASES] =
    g_param_spec_boxed ("cases", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_note_init (VivaNote *self)
{
  self->text = g_strdup ("");
  self->code = g_strdup ("");
  self->prediction = g_strdup ("");
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
         self->code[0] == '\0' &&
         self->prediction[0] == '\0' &&
         (self->cases == NULL || self->cases->len == 0) &&
         self->status == VIVA_STATUS_NEW &&
         !self->starred &&
         viva_review_state_is_new (&self->review);
}

/* The scratchpad */

const char *
viva_note_get_code (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return self->code;
}

/* Whether the user kept any code for the question, more than white
 * space. */
gboolean
viva_note_get_has_code (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  for (const char *p = self->code; *p; p++)
    {
      if (!g_ascii_isspace (*p))
        return TRUE;
    }

  return FALSE;
}

static gboolean
set_string (VivaNote    *self,
            char       **field,
            const char  *value,
            GParamSpec  *pspec)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  g_object_freeze_notify (G_OBJECT (self));
  viva_note_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * viva_note_set_code:
 * @self: a note
 * @code: (nullable): the scratchpad's code; %NULL for none
 *
 * Keeps the question's scratchpad code, saved with the note (the store
 * saves it like the note's text). At most %VIVA_NOTE_TEXT_MAX_SIZE
 * bytes can be saved, as for the text.
 */
void
viva_note_set_code (VivaNote   *self,
                    const char *code)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  set_string (self, &self->code, code, properties[PROP_CODE]);
}

const char *
viva_note_get_prediction (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return self->prediction;
}

/**
 * viva_note_set_prediction:
 * @self: a note
 * @prediction: (nullable): what the user predicts the code prints;
 *   %NULL for none
 *
 * At most %VIVA_NOTE_PREDICTION_MAX_SIZE bytes can be saved.
 */
void
viva_note_set_prediction (VivaNote   *self,
                          const char *prediction)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  set_string (self, &self->prediction, prediction, properties[PROP_PREDICTION]);
}

/* How many test cases of their own the user added. */
guint
viva_note_get_n_cases (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), 0);

  return self->cases != NULL ? self->cases->len : 0;
}

/**
 * viva_note_get_case:
 * @self: a note
 * @index: a case's index, below viva_note_get_n_cases()
 *
 * Returns: (transfer none): the case, valid until the cases change
 */
const VivaCodeCase *
viva_note_get_case (VivaNote *self,
                    guint     index)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);
  g_return_val_if_fail (index < viva_note_get_n_cases (self), NULL);

  return g_ptr_array_index (self->cases, index);
}

/**
 * viva_note_dup_cases:
 * @self: a note
 *
 * Returns: (transfer full) (element-type VivaCodeCase): a copy of the
 *   user's test cases, in their order; empty when there are none
 */
GPtrArray *
viva_note_dup_cases (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return viva_code_cases_copy (self->cases);
}

static void
replace_cases (VivaNote  *self,
               GPtrArray *cases)
{
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  if (cases != NULL && cases->len > 0)
    self->cases = viva_code_cases_copy (cases);
}

/**
 * viva_note_set_cases:
 * @self: a note
 * @cases: (nullable) (element-type VivaCodeCase): the user's test
 *   cases, copied; %NULL or empty for none
 *
 * Replaces the user's own test cases, saved with the note. At most
 * %VIVA_CODE_CASES_MAX can be saved.
 */
void
viva_note_set_cases (VivaNote  *self,
                     GPtrArray *cases)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  if (viva_code_cases_equal (self->cases, cases))
    return;

  replace_cases (self, cases);

  g_object_freeze_notify (G_OBJECT (self));
  viva_note_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASES]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * viva_note_add_case:
 * @self: a note
 * @code_case: a test case, copied
 *
 * Adds one of the user's own test cases after the others.
 */
void
viva_note_add_case (VivaNote           *self,
                    const VivaCodeCase *code_case)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_if_fail (VIVA_IS_NOTE (self));
  g_return_if_fail (code_case != NULL);

  cases = viva_code_cases_copy (self->cases);
  g_ptr_array_add (cases, viva_code_case_copy (code_case));
  viva_note_set_cases (self, cases);
}

/**
 * viva_note_remove_case:
 * @self: a note
 * @index: a case's index, below viva_note_get_n_cases()
 */
void
viva_note_remove_case (VivaNote *self,
                       guint     index)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_if_fail (VIVA_IS_NOTE (self));
  g_return_if_fail (index < viva_note_get_n_cases (self));

  cases = viva_code_cases_copy (self->cases);
  g_ptr_array_remove_index (cases, index);
  viva_note_set_cases (self, cases);
}

/* Whether @code, @prediction and @cases are the note's scratchpad. */
gboolean
_viva_note_scratchpad_equal (VivaNote   *self,
                             const char *code,
                             const char *prediction,
                             GPtrArray  *cases)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);

  return g_strcmp0 (self->code, code ? code : "") == 0 &&
         g_strcmp0 (self->prediction, prediction ? prediction : "") == 0 &&
         viva_code_cases_equal (self->cases, cases);
}

/* Sets the scratchpad as a file has it, without touching "modified",
 * for the store; see _viva_note_load(). */
void
_viva_note_load_scratchpad (VivaNote   *self,
                            const char *code,
                            const char *prediction,
                            GPtrArray  *cases)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->code, code ? code : "") != 0)
    {
      g_free (self->code);
      self->code = g_strdup (code ? code : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
    }

  if (g_strcmp0 (self->prediction, prediction ? prediction : "") != 0)
    {
      g_free (self->prediction);
      self->prediction = g_strdup (prediction ? prediction : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREDICTION]);
    }

  if (!viva_code_cases_equal (self->cases, cases))
    {
      replace_cases (self, cases);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASES]);
    }

  g_object_thaw_notify (G_OBJECT (self));
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

/* How a note of no store is graded: viva_scheduler_config_init()'s. */
static const VivaSchedulerConfig *
default_scheduler_config (void)
{
  static VivaSchedulerConfig config;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      viva_scheduler_config_init (&config);
      g_once_init_leave (&initialized, 1);
    }

  return &config;
}

/* Borrowed: the store that owns the note sets it, and unsets it when it
 * goes. */
void
_viva_note_set_scheduler_config (VivaNote                  *self,
                                 const VivaSchedulerConfig *config)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  self->scheduler_config = config;
}

/**
 * viva_note_get_scheduler_config:
 * @self: a note
 *
 * Returns: (transfer none): how the note is graded: its store's
 *   configuration (viva_notes_store_set_scheduler_config()), or the
 *   defaults for a note of no store
 */
const VivaSchedulerConfig *
viva_note_get_scheduler_config (VivaNote *self)
{
  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  return self->scheduler_config != NULL ? self->scheduler_config : default_scheduler_config ();
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
 * Applies a grade: reschedules the question (viva_scheduler_review(),
 * with viva_note_get_scheduler_config(): the store's, which the context
 * keeps as the settings say) and adds the review to its history,
 * dropping the oldest one past
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
  viva_scheduler_review (viva_note_get_scheduler_config (self), &self->review, grade, now, &self->review);

  viva_note_reviewed (self);
}

/**
 * viva_note_grade:
 * @self: a note
 * @grade: how well the question was answered
 * @now: when, in microseconds since 1970 (UTC)
 *
 * Grades the question as Review does: viva_note_review() with
 * %VIVA_REVIEW_SOURCE_REVIEW, and the study status the grade gives
 * (viva_review_grade_to_status()). The Review page and a checked
 * prediction in the scratchpad both grade this way.
 */
void
viva_note_grade (VivaNote        *self,
                 VivaReviewGrade  grade,
                 gint64           now)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

  viva_note_review (self, grade, VIVA_REVIEW_SOURCE_REVIEW, now);
  viva_note_set_status (self, viva_review_grade_to_status (grade));
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

/* The stability and difficulty @history gives under @config's
 * parameters. */
static void
replay_memory (const VivaSchedulerConfig *config,
               const VivaReviewEntry     *history,
               guint                      n_history,
               VivaReviewState           *memory)
{
  VivaReviewState replayed;

  viva_scheduler_replay (config, history, n_history, &replayed);
  memory->stability = replayed.stability;
  memory->difficulty = replayed.difficulty;
}

/**
 * _viva_note_dup_undo_history:
 * @self: a note
 *
 * Returns: (transfer full) (nullable): the history the review that can
 *   be undone was given after (VivaReviewEntry), the one undoing it puts
 *   back; %NULL when there is no review to undo
 */
GArray *
_viva_note_dup_undo_history (VivaNote *self)
{
  GArray *before;

  g_return_val_if_fail (VIVA_IS_NOTE (self), NULL);

  if (!self->can_undo || self->history == NULL || self->history->len == 0)
    return NULL;

  before = g_array_sized_new (FALSE, FALSE, sizeof (VivaReviewEntry), self->history->len);
  if (self->undo_has_dropped)
    g_array_append_val (before, self->undo_dropped);
  g_array_append_vals (before, self->history->data, self->history->len - 1);

  return before;
}

/**
 * _viva_note_recompute_memory:
 * @self: a note
 * @config: the scheduler configuration whose parameters to use
 * @replayed: (nullable): the memory viva_scheduler_replay() gave for the
 *   note's history under @config, replayed elsewhere (a thread); %NULL
 *   to replay it here
 * @undo_replayed: (nullable): likewise for the history of
 *   _viva_note_dup_undo_history(); %NULL to replay it here
 *
 * Sets the note's FSRS memory (stability and difficulty) to what its
 * history gives under @config's parameters, after they changed. Nothing
 * else moves: not the due date, the learning step or the count of
 * reviews (as Anki, which recomputes memory and leaves due dates alone
 * unless asked to reschedule), nor "modified", which says when the user
 * last changed the note, so that a review given in another Viva still
 * wins a merge. A history cut to its last %VIVA_REVIEW_HISTORY_MAX
 * reviews replays from the oldest one kept, as an upgrade from version
 * 3 does and as the optimizer fits it.
 *
 * The review that can be undone keeps working: the state it puts back
 * gets the memory of the history before it, under the same parameters.
 *
 * Notifies "due" when the memory changed, as a review does, so that
 * the store saves the note and the views that follow notes redraw.
 *
 * Returns: %TRUE if the memory changed
 */
gboolean
_viva_note_recompute_memory (VivaNote                  *self,
                             const VivaSchedulerConfig *config,
                             const VivaReviewState     *replayed,
                             const VivaReviewState     *undo_replayed)
{
  VivaReviewState memory = self->review;

  g_return_val_if_fail (VIVA_IS_NOTE (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  if (self->history == NULL || self->history->len == 0)
    return FALSE;

  if (self->can_undo)
    {
      g_autoptr(GArray) before = NULL;

      if (undo_replayed != NULL)
        {
          self->undo_state.stability = undo_replayed->stability;
          self->undo_state.difficulty = undo_replayed->difficulty;
        }
      else if ((before = _viva_note_dup_undo_history (self)) != NULL && before->len > 0)
        replay_memory (config, (const VivaReviewEntry *) (gpointer) before->data, before->len,
                       &self->undo_state);
    }

  if (replayed != NULL)
    {
      memory.stability = replayed->stability;
      memory.difficulty = replayed->difficulty;
    }
  else
    replay_memory (config, (const VivaReviewEntry *) (gpointer) self->history->data,
                   self->history->len, &memory);

  if (memory.stability == self->review.stability &&
      memory.difficulty == self->review.difficulty)
    return FALSE;

  self->review = memory;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);

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

  return _viva_review_state_equal (&self->review, &other) &&
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
