/* viva-interview.c
 *
 * A VivaInterview: who is interviewed, for what and by whom, when, and
 * the verdict; its properties and signals, and how the file reader
 * builds one. Its questions are in viva-interview-plan.c and its clock
 * in viva-interview-run.c; the three share viva-interview-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-clock.h"
#include "viva-enum-nick.h"
#include "viva-interview-private.h"
#include "viva-stopwatch.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (VivaInterview, viva_interview, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, _viva_interview_list_model_iface_init))

G_DEFINE_QUARK (viva-interview-error-quark, viva_interview_error)

/* The nicks are the file's spelling; never translate them. */
G_DEFINE_ENUM_TYPE (VivaInterviewRating, viva_interview_rating,
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_RATING_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_RATING_STRONG_NO, "strong-no"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_RATING_NO, "no"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_RATING_YES, "yes"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_RATING_STRONG_YES, "strong-yes"))

G_DEFINE_ENUM_TYPE (VivaInterviewState, viva_interview_state,
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_STATE_PLANNED, "planned"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_STATE_PAUSED, "paused"),
                    G_DEFINE_ENUM_VALUE (VIVA_INTERVIEW_STATE_FINISHED, "finished"))

enum {
  PROP_0,
  PROP_ID,
  PROP_CANDIDATE,
  PROP_BANK,
  PROP_ROLE,
  PROP_INTERVIEWER,
  PROP_DATE,
  PROP_TOTAL_BUDGET,
  PROP_N_ITEMS,
  PROP_STATE,
  PROP_CURRENT,
  PROP_RECOMMENDATION,
  PROP_TAKEAWAYS,
  PROP_SUMMARY,
  PROP_READ_ONLY,
  PROP_UNFINISHED,
  N_PROPS
};

enum {
  CHANGED,
  ITEM_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Enums as strings: the nicks above, which are the files' words */

/* The on-disk spelling of a rating. */
const char *
viva_interview_rating_to_string (VivaInterviewRating rating)
{
  g_return_val_if_fail (rating < VIVA_INTERVIEW_N_RATINGS, "none");

  return viva_enum_to_nick (VIVA_TYPE_INTERVIEW_RATING, rating);
}

gboolean
viva_interview_rating_from_string (const char          *str,
                                   VivaInterviewRating *rating)
{
  int value;

  g_return_val_if_fail (rating != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_INTERVIEW_RATING, str, &value))
    return FALSE;

  *rating = (VivaInterviewRating) value;
  return TRUE;
}

/**
 * viva_interview_rating_get_label:
 * @rating: a rating
 *
 * Returns: the rating as the interviewer sees it ("Strong Yes"),
 *   translated
 */
const char *
viva_interview_rating_get_label (VivaInterviewRating rating)
{
  switch (rating)
    {
    case VIVA_INTERVIEW_RATING_NONE:
      return _("No Decision");

    case VIVA_INTERVIEW_RATING_STRONG_NO:
      return _("Strong No");

    case VIVA_INTERVIEW_RATING_NO:
      return _("No");

    case VIVA_INTERVIEW_RATING_YES:
      return _("Yes");

    case VIVA_INTERVIEW_RATING_STRONG_YES:
      return _("Strong Yes");

    default:
      g_return_val_if_reached ("");
    }
}

const char *
viva_interview_state_to_string (VivaInterviewState state)
{
  g_return_val_if_fail (state <= VIVA_INTERVIEW_STATE_FINISHED, "planned");

  return viva_enum_to_nick (VIVA_TYPE_INTERVIEW_STATE, state);
}

gboolean
viva_interview_state_from_string (const char         *str,
                                  VivaInterviewState *state)
{
  int value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_INTERVIEW_STATE, str, &value))
    return FALSE;

  *state = (VivaInterviewState) value;
  return TRUE;
}

/* Items */

/**
 * _viva_interview_dup_bounded:
 * @text: (nullable): text from the caller or a bank
 * @max_size: the most bytes to keep
 *
 * Valid UTF-8, cut at a character boundary to at most @max_size bytes
 * with "…" at the end when it was cut.
 */
char *
_viva_interview_dup_bounded (const char *text,
                             gsize       max_size)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *head = NULL;
  const char *end;

  if (strlen (valid) <= max_size)
    return g_steal_pointer (&valid);

  end = valid + max_size - strlen ("…");
  while (end > valid && ((guchar) *end & 0xC0) == 0x80)
    end--;

  head = g_strndup (valid, end - valid);

  return g_strconcat (head, "…", NULL);
}

/* Text the user typed: refused rather than cut, so that nothing typed
 * is lost silently. */
gboolean
_viva_interview_text_is_acceptable (const char *text,
                                    gsize       max_size)
{
  return text != NULL && strlen (text) <= max_size && g_utf8_validate (text, -1, NULL);
}

/* g_set_str() is GLib 2.76. */
static void
replace_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* Ids */

/**
 * viva_interview_id_is_valid:
 * @id: a string
 *
 * Ids are file names: 1 to 64 ASCII letters, digits, "-" and "_",
 * starting with a letter or digit.
 */
gboolean
viva_interview_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > VIVA_INTERVIEW_ID_MAX_SIZE || !g_ascii_isalnum (id[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_')
        return FALSE;
    }

  return TRUE;
}

/* As the mock sessions' ids: UTC time of creation, so that file names
 * sort by time, plus 32 random bits. */
static char *
generate_id (gint64 created)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (created / G_USEC_PER_SEC);
  g_autofree char *when = NULL;

  if (dt == NULL)
    dt = g_date_time_new_from_unix_utc (0);

  when = g_date_time_format (dt, "%Y-%m-%dT%H-%M-%S");

  return g_strdup_printf ("%s-%08x", when, g_random_int ());
}

/* Emitting */

void
_viva_interview_emit_changed (VivaInterview *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Item @index changed, then the interview. */
void
_viva_interview_emit_item_changed (VivaInterview *self,
                                   guint          index)
{
  g_signal_emit (self, signals[ITEM_CHANGED], 0, index);
  _viva_interview_emit_changed (self);
}

/* For the plan and the clock, which change these properties. */
void
_viva_interview_notify_n_items (VivaInterview *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
_viva_interview_notify_current (VivaInterview *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

void
_viva_interview_notify_state (VivaInterview *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_viva_interview_notify_unfinished (VivaInterview *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNFINISHED]);
}

/* GObject */

static void
viva_interview_finalize (GObject *object)
{
  VivaInterview *self = (VivaInterview *)object;

  g_clear_object (&self->clock);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->candidate, g_free);
  g_clear_pointer (&self->bank, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->interviewer, g_free);
  g_clear_pointer (&self->takeaways, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_interview_parent_class)->finalize (object);
}

static void
viva_interview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VivaInterview *self = VIVA_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CANDIDATE:
      g_value_set_string (value, self->candidate);
      break;

    case PROP_BANK:
      g_value_set_string (value, self->bank);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_INTERVIEWER:
      g_value_set_string (value, self->interviewer);
      break;

    case PROP_DATE:
      g_value_set_int64 (value, self->date);
      break;

    case PROP_TOTAL_BUDGET:
      g_value_set_int64 (value, self->total_budget);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;

    case PROP_RECOMMENDATION:
      g_value_set_enum (value, self->recommendation);
      break;

    case PROP_TAKEAWAYS:
      g_value_set_string (value, self->takeaways);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_UNFINISHED:
      g_value_set_boolean (value, viva_interview_get_unfinished (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VivaInterview *self = VIVA_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_CANDIDATE:
      viva_interview_set_candidate (self, g_value_get_string (value));
      break;

    case PROP_BANK:
      viva_interview_set_bank (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      viva_interview_set_role (self, g_value_get_string (value));
      break;

    case PROP_INTERVIEWER:
      viva_interview_set_interviewer (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      viva_interview_set_date (self, g_value_get_int64 (value));
      break;

    case PROP_TOTAL_BUDGET:
      viva_interview_set_total_budget (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENT:
      viva_interview_set_current (self, g_value_get_uint (value));
      break;

    case PROP_RECOMMENDATION:
      viva_interview_set_recommendation (self, g_value_get_enum (value));
      break;

    case PROP_TAKEAWAYS:
      viva_interview_set_takeaways (self, g_value_get_string (value));
      break;

    case PROP_SUMMARY:
      viva_interview_set_summary (self, g_value_get_string (value));
      break;

    case PROP_READ_ONLY:
      viva_interview_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_class_init (VivaInterviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = viva_interview_finalize;
  object_class->get_property = viva_interview_get_property;
  object_class->set_property = viva_interview_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_CANDIDATE] = g_param_spec_string ("candidate", NULL, NULL, "", rw);
  properties[PROP_BANK] = g_param_spec_string ("bank", NULL, NULL, "", rw);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", rw);
  properties[PROP_INTERVIEWER] = g_param_spec_string ("interviewer", NULL, NULL, "", rw);
  /**
   * VivaInterview:date:
   *
   * When the interview is (or was) held, wall-clock microseconds since
   * the epoch; 0 when not set.
   */
  properties[PROP_DATE] = g_param_spec_int64 ("date", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /**
   * VivaInterview:total-budget:
   *
   * The time planned for the whole interview, in microseconds; 0 for
   * none.
   */
  properties[PROP_TOTAL_BUDGET] =
    g_param_spec_int64 ("total-budget", NULL, NULL, 0, VIVA_INTERVIEW_DURATION_MAX, 0, rw);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       VIVA_TYPE_INTERVIEW_STATE, VIVA_INTERVIEW_STATE_PLANNED, ro);
  properties[PROP_CURRENT] = g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_RECOMMENDATION] =
    g_param_spec_enum ("recommendation", NULL, NULL,
                       VIVA_TYPE_INTERVIEW_RATING, VIVA_INTERVIEW_RATING_NONE, rw);
  properties[PROP_TAKEAWAYS] = g_param_spec_string ("takeaways", NULL, NULL, "", rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", rw);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, rw);
  /**
   * VivaInterview:unfinished:
   *
   * Whether the interview was started and not finished: one to offer
   * to resume.
   */
  properties[PROP_UNFINISHED] = g_param_spec_boolean ("unfinished", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaInterview::changed:
   *
   * Something that is saved changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * VivaInterview::item-changed:
   * @self: the interview
   * @index: which item
   *
   * An item's notes, rating, budget or time spent changed; emitted
   * before #VivaInterview::changed.
   */
  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
viva_interview_init (VivaInterview *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->candidate = g_strdup ("");
  self->bank = g_strdup ("");
  self->role = g_strdup ("");
  self->interviewer = g_strdup ("");
  self->takeaways = g_strdup ("");
  self->summary = g_strdup ("");
  self->state = VIVA_INTERVIEW_STATE_PLANNED;
  self->recommendation = VIVA_INTERVIEW_RATING_NONE;
}

/* Construction */

static void
set_clock (VivaInterview *self,
           VivaClock     *clock)
{
  if (clock == NULL)
    clock = viva_clock_get_default ();

  g_set_object (&self->clock, clock);
  viva_stopwatch_init (&self->stopwatch, viva_clock_get_now (clock));
}

/**
 * viva_interview_new:
 * @clock: (nullable): where the interview reads the time; %NULL for the
 *   system clock
 *
 * Returns: (transfer full): a new interview with an empty plan and a
 *   new unique id, planned
 */
VivaInterview *
viva_interview_new (VivaClock *clock)
{
  VivaInterview *self;

  g_return_val_if_fail (clock == NULL || VIVA_IS_CLOCK (clock), NULL);

  self = g_object_new (VIVA_TYPE_INTERVIEW, NULL);
  set_clock (self, clock);
  self->created = g_get_real_time ();
  self->id = generate_id (self->created);

  return self;
}

/* For the file reader: everything but the items and the progress, all
 * validated; emits nothing. */
VivaInterview *
_viva_interview_new_loaded (const char *id,
                            gint64      created,
                            VivaClock  *clock)
{
  VivaInterview *self;

  g_assert (viva_interview_id_is_valid (id));

  self = g_object_new (VIVA_TYPE_INTERVIEW, NULL);
  set_clock (self, clock);
  self->id = g_strdup (id);
  self->created = created;

  return self;
}

/* For the file reader: the validated fields, without signals. A running
 * interview comes back paused: the clock's origin is not saved, and the
 * time Viva was not running is not the candidate's. */
void
_viva_interview_load_fields (VivaInterview       *self,
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
                             VivaInterviewRating  recommendation,
                             const char          *takeaways,
                             const char          *summary)
{
  replace_str (&self->candidate, candidate);
  replace_str (&self->role, role);
  replace_str (&self->interviewer, interviewer);
  replace_str (&self->takeaways, takeaways);
  replace_str (&self->summary, summary);
  self->date = date;
  self->total_budget = total_budget;
  self->state = state == VIVA_INTERVIEW_STATE_RUNNING ? VIVA_INTERVIEW_STATE_PAUSED : state;
  self->started = started;
  self->finished = finished;
  self->elapsed = elapsed;
  self->current = self->items->len == 0 ? 0 : MIN (current, self->items->len - 1);
  self->recommendation = recommendation;
}

/* For the file reader: one validated item, at the end. */
void
_viva_interview_load_item (VivaInterview       *self,
                           guint                number,
                           const char          *text,
                           gint64               budget,
                           gint64               spent,
                           const char          *notes,
                           const char          *code,
                           VivaInterviewRating  rating)
{
  g_ptr_array_add (self->items, _viva_interview_item_new (number, text, budget, spent, notes, code, rating));
}

/* Getters */

VivaClock *
viva_interview_get_clock (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->clock;
}

const char *
viva_interview_get_id (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->id;
}

/* Wall-clock microseconds since the epoch. */
gint64
viva_interview_get_created (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->created;
}

gboolean
viva_interview_get_read_only (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return self->read_only;
}

/**
 * viva_interview_set_read_only:
 *
 * A read-only interview refuses every change: the store sets it on an
 * interview from a newer version of Viva, which it never writes.
 */
void
viva_interview_set_read_only (VivaInterview *self,
                              gboolean       read_only)
{
  g_return_if_fail (VIVA_IS_INTERVIEW (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  if (read_only)
    _viva_interview_settle (self);

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* Strings of the interview */

static gboolean
set_string (VivaInterview  *self,
            char          **field,
            const char     *value,
            gsize           max_size,
            guint           prop_id)
{
  if (value == NULL)
    value = "";

  if (self->read_only || !_viva_interview_text_is_acceptable (value, max_size))
    return FALSE;

  if (g_strcmp0 (*field, value) == 0)
    return TRUE;

  replace_str (field, value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  _viva_interview_emit_changed (self);

  return TRUE;
}

const char *
viva_interview_get_candidate (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->candidate;
}

/**
 * viva_interview_set_candidate:
 * @candidate: (nullable): the candidate's name; %NULL for none
 *
 * Returns: %FALSE when refused: read-only, not UTF-8, or longer than
 *   %VIVA_INTERVIEW_NAME_MAX_SIZE. The other string setters say the
 *   same, with %VIVA_INTERVIEW_TEXT_MAX_SIZE for longer texts.
 */
gboolean
viva_interview_set_candidate (VivaInterview *self,
                              const char    *candidate)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return set_string (self, &self->candidate, candidate, VIVA_INTERVIEW_NAME_MAX_SIZE, PROP_CANDIDATE);
}

const char *
viva_interview_get_role (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->role;
}

gboolean
viva_interview_set_role (VivaInterview *self,
                         const char    *role)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return set_string (self, &self->role, role, VIVA_INTERVIEW_NAME_MAX_SIZE, PROP_ROLE);
}

/* For the file reader: emits nothing. */
void
_viva_interview_load_bank (VivaInterview *self,
                           const char    *bank)
{
  replace_str (&self->bank, bank != NULL ? bank : "");
}

/**
 * viva_interview_get_bank:
 *
 * Returns: the id of the bank the planned questions' numbers belong to
 *   (see viva_bank_get_id()), or "" when it is not known (interviews
 *   saved before Viva recorded it)
 */
const char *
viva_interview_get_bank (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->bank;
}

gboolean
viva_interview_set_bank (VivaInterview *self,
                         const char    *bank)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return set_string (self, &self->bank, bank, VIVA_INTERVIEW_NAME_MAX_SIZE, PROP_BANK);
}

const char *
viva_interview_get_interviewer (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->interviewer;
}

gboolean
viva_interview_set_interviewer (VivaInterview *self,
                                const char    *interviewer)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return set_string (self, &self->interviewer, interviewer, VIVA_INTERVIEW_NAME_MAX_SIZE, PROP_INTERVIEWER);
}

const char *
viva_interview_get_takeaways (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->takeaways;
}

gboolean
viva_interview_set_takeaways (VivaInterview *self,
                              const char    *takeaways)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return set_string (self, &self->takeaways, takeaways, VIVA_INTERVIEW_TEXT_MAX_SIZE, PROP_TAKEAWAYS);
}

const char *
viva_interview_get_summary (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  return self->summary;
}

gboolean
viva_interview_set_summary (VivaInterview *self,
                            const char    *summary)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return set_string (self, &self->summary, summary, VIVA_INTERVIEW_TEXT_MAX_SIZE, PROP_SUMMARY);
}

/* Numbers of the interview */

gint64
viva_interview_get_date (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->date;
}

gboolean
viva_interview_set_date (VivaInterview *self,
                         gint64         date)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || date < 0)
    return FALSE;

  if (self->date == date)
    return TRUE;

  self->date = date;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  _viva_interview_emit_changed (self);

  return TRUE;
}

gint64
viva_interview_get_total_budget (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->total_budget;
}

gboolean
viva_interview_set_total_budget (VivaInterview *self,
                                 gint64         budget)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    return FALSE;

  if (self->total_budget == budget)
    return TRUE;

  self->total_budget = budget;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_BUDGET]);
  _viva_interview_emit_changed (self);

  return TRUE;
}

VivaInterviewRating
viva_interview_get_recommendation (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), VIVA_INTERVIEW_RATING_NONE);

  return self->recommendation;
}

gboolean
viva_interview_set_recommendation (VivaInterview       *self,
                                   VivaInterviewRating  rating)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (rating < VIVA_INTERVIEW_N_RATINGS, FALSE);

  if (self->read_only)
    return FALSE;

  if (self->recommendation == rating)
    return TRUE;

  self->recommendation = rating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOMMENDATION]);
  _viva_interview_emit_changed (self);

  return TRUE;
}

