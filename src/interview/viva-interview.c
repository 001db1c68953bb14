/* viva-interview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-clock.h"
#include "viva-enum-nick.h"
#include "viva-interview-private.h"
#include "viva-question.h"
#include "viva-stopwatch.h"

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

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VivaInterview, viva_interview, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

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

static VivaInterviewItem *
get_item (VivaInterview *self,
          guint          index)
{
  return g_ptr_array_index (self->items, index);
}

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
static gboolean
text_is_acceptable (const char *text,
                    gsize       max_size)
{
  return text != NULL && strlen (text) <= max_size && g_utf8_validate (text, -1, NULL);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
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

static void
emit_changed (VivaInterview *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
emit_item_changed (VivaInterview *self,
                   guint          index)
{
  g_signal_emit (self, signals[ITEM_CHANGED], 0, index);
  emit_changed (self);
}

/* Time */

/* Charges @delta, time run, to the interview and its current question.
 * Emits nothing but the item's notification. */
static void
charge (VivaInterview *self,
        gint64         delta)
{
  if (delta <= 0)
    return;

  self->elapsed = MIN (viva_time_add_saturated (self->elapsed, delta), VIVA_INTERVIEW_DURATION_MAX);
  if (self->current < self->items->len)
    {
      VivaInterviewItem *item = get_item (self, self->current);

      _viva_interview_item_set_spent (item, MIN (viva_time_add_saturated (viva_interview_item_get_spent (item), delta),
                                                 VIVA_INTERVIEW_DURATION_MAX));
    }
}

/* Reads the clock: a clock that steps back (a fake one in a test) counts
 * as no time passing, the stretch so far charged where it belongs. */
static gint64
sample (VivaInterview *self)
{
  gint64 carried;
  gint64 now = viva_stopwatch_sample (&self->stopwatch, self->clock, &carried);

  charge (self, carried);

  return now;
}

/* Microseconds of the current stretch, never absurd. */
static gint64
stretch (VivaInterview *self)
{
  gint64 now = sample (self);

  return MIN (viva_stopwatch_get_running (&self->stopwatch, now), VIVA_INTERVIEW_DURATION_MAX);
}

/* Moves the time of the current stretch into the totals and starts a
 * new stretch at @now: before the current question changes or the clock
 * stops. Emits nothing. */
static void
settle_at (VivaInterview *self,
           gint64         now)
{
  charge (self, viva_stopwatch_fold (&self->stopwatch, now));
}

static void
settle (VivaInterview *self)
{
  settle_at (self, sample (self));
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
                           VivaInterviewRating  rating)
{
  g_ptr_array_add (self->items, _viva_interview_item_new (number, text, budget, spent, notes, rating));
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
    settle (self);

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

  if (self->read_only || !text_is_acceptable (value, max_size))
    return FALSE;

  if (g_strcmp0 (*field, value) == 0)
    return TRUE;

  replace_str (field, value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  emit_changed (self);

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
  emit_changed (self);

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
  emit_changed (self);

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
  emit_changed (self);

  return TRUE;
}

/* The plan */

guint
viva_interview_get_n_items (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->items->len;
}

/**
 * viva_interview_get_item:
 *
 * Returns: (transfer none): the item, valid until the plan changes
 */
VivaInterviewItem *
viva_interview_get_item (VivaInterview *self,
                         guint          index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return get_item (self, index);
}

/**
 * viva_interview_contains:
 * @number: a bank question number, not 0
 *
 * Returns: whether that bank question is in the plan
 */
gboolean
viva_interview_contains (VivaInterview *self,
                         guint          number)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (number == 0)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      if (viva_interview_item_get_number (get_item (self, i)) == number)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_plan_editable (VivaInterview  *self,
                     GError        **error)
{
  if (self->read_only || self->state == VIVA_INTERVIEW_STATE_FINISHED)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_READ_ONLY,
                           self->read_only
                           ? _("This interview cannot be changed")
                           : _("The interview is over: its questions cannot be changed"));
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_interview_get_plan_editable:
 *
 * Whether the questions can be added, moved, removed or given a budget:
 * the interview is neither read-only nor over.
 */
gboolean
viva_interview_get_plan_editable (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return check_plan_editable (self, NULL);
}

static void
notify_plan (VivaInterview *self,
             guint          position,
             guint          removed,
             guint          added,
             guint          old_current)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (self->current != old_current)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  emit_changed (self);
}

/**
 * viva_interview_insert:
 * @index: where, 0 to the number of items
 * @number: the question's number in its bank, or 0 for a question of
 *   the interviewer's own
 * @text: the question as plain text, not empty; copied, cut at
 *   %VIVA_INTERVIEW_QUESTION_MAX_SIZE
 * @budget: its time budget in microseconds, 0 for none
 *
 * Adds a question to the plan. A bank question can be planned once
 * only: asking the same question twice is a mistake in the plan, and
 * its notes and rating would be ambiguous in the report. The
 * interviewer's own questions (number 0) can repeat. The current
 * question stays the same question.
 *
 * Returns: %FALSE with @error set when refused (read-only or finished,
 *   %VIVA_INTERVIEW_MAX_ITEMS reached, duplicate, empty text)
 */
gboolean
viva_interview_insert (VivaInterview  *self,
                       guint           index,
                       guint           number,
                       const char     *text,
                       gint64          budget,
                       GError        **error)
{
  g_autofree char *bounded = NULL;
  guint old_current;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (index <= self->items->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_plan_editable (self, error))
    return FALSE;

  if (self->items->len >= VIVA_INTERVIEW_MAX_ITEMS)
    {
      g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_FULL,
                   _("An interview has at most %u questions"), VIVA_INTERVIEW_MAX_ITEMS);
      return FALSE;
    }

  if (viva_interview_contains (self, number))
    {
      g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_DUPLICATE,
                   _("Question %u is already planned"), number);
      return FALSE;
    }

  if (is_blank (text) ||
      budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_INVALID,
                           _("A question needs a text"));
      return FALSE;
    }

  settle (self);
  old_current = self->current;

  bounded = _viva_interview_dup_bounded (text, VIVA_INTERVIEW_QUESTION_MAX_SIZE);
  g_ptr_array_insert (self->items, index,
                      _viva_interview_item_new (number, bounded, budget, 0, "", VIVA_INTERVIEW_RATING_NONE));

  if (self->items->len > 1 && index <= self->current)
    self->current++;

  notify_plan (self, index, 0, 1, old_current);

  return TRUE;
}

gboolean
viva_interview_append (VivaInterview  *self,
                       guint           number,
                       const char     *text,
                       gint64          budget,
                       GError        **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return viva_interview_insert (self, self->items->len, number, text, budget, error);
}

/**
 * viva_interview_append_question:
 * @question: a question of a bank; its number and text are copied
 *
 * As viva_interview_append().
 */
gboolean
viva_interview_append_question (VivaInterview  *self,
                                VivaQuestion   *question,
                                gint64          budget,
                                GError        **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), FALSE);

  return viva_interview_append (self,
                                viva_question_get_number (question),
                                viva_question_get_text (question),
                                budget, error);
}

/**
 * viva_interview_move:
 * @from: the index of an item
 * @to: its new index
 *
 * Returns: %FALSE when refused (read-only or finished, out of range)
 */
gboolean
viva_interview_move (VivaInterview *self,
                     guint          from,
                     guint          to)
{
  VivaInterviewItem *item;
  guint old_current;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (!check_plan_editable (self, NULL) || from >= self->items->len || to >= self->items->len)
    return FALSE;

  if (from == to)
    return TRUE;

  settle (self);
  old_current = self->current;

  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);

  if (self->current == from)
    self->current = to;
  else if (from < self->current && self->current <= to)
    self->current--;
  else if (to <= self->current && self->current < from)
    self->current++;

  notify_plan (self, MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
               MAX (from, to) - MIN (from, to) + 1, old_current);

  return TRUE;
}

/**
 * viva_interview_remove:
 * @index: the index of an item
 *
 * Removes a question with its notes. When it was the current one, the
 * next one (or the last) becomes current.
 *
 * Returns: %FALSE when refused (read-only or finished, out of range)
 */
gboolean
viva_interview_remove (VivaInterview *self,
                       guint          index)
{
  guint old_current;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (!check_plan_editable (self, NULL) || index >= self->items->len)
    return FALSE;

  settle (self);
  old_current = self->current;

  g_ptr_array_remove_index (self->items, index);

  if (index < self->current)
    self->current--;
  else if (self->current >= self->items->len)
    self->current = self->items->len > 0 ? self->items->len - 1 : 0;

  notify_plan (self, index, 1, 0, old_current);

  return TRUE;
}

/* Items */

gboolean
viva_interview_set_item_budget (VivaInterview *self,
                                guint          index,
                                gint64         budget)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (!check_plan_editable (self, NULL) || index >= self->items->len ||
      budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    return FALSE;

  if (_viva_interview_item_set_budget (get_item (self, index), budget))
    emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_set_item_notes:
 * @notes: the notes as they are; see viva_interview_stamp_item_notes()
 *   to stamp them as typed
 *
 * Notes can be edited in every state, even after the interview.
 *
 * Returns: %FALSE when refused (read-only, out of range, not UTF-8,
 *   longer than %VIVA_INTERVIEW_TEXT_MAX_SIZE)
 */
gboolean
viva_interview_set_item_notes (VivaInterview *self,
                               guint          index,
                               const char    *notes)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (notes == NULL)
    notes = "";

  if (self->read_only || index >= self->items->len ||
      !text_is_acceptable (notes, VIVA_INTERVIEW_TEXT_MAX_SIZE))
    return FALSE;

  if (_viva_interview_item_set_notes (get_item (self, index), notes))
    emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_stamp_item_notes:
 * @new_notes: the notes as the interviewer just left them
 *
 * Sets the notes of item @index to @new_notes with every new or
 * changed paragraph stamped with the time into the interview (see
 * viva_interview_stamp_paragraphs()), once the interview has started;
 * before, the notes are set as they are. For a caller that replaces the
 * whole text; a text view keeps its cursor better by inserting the
 * stamps itself from viva_interview_stamp_paragraphs_full().
 *
 * Returns: as viva_interview_set_item_notes()
 */
gboolean
viva_interview_stamp_item_notes (VivaInterview *self,
                                 guint          index,
                                 const char    *new_notes)
{
  g_autofree char *stamped = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (index >= self->items->len || new_notes == NULL ||
      !g_utf8_validate (new_notes, -1, NULL))
    return FALSE;

  /* Notes prepared before the interview have no time to carry. */
  if (self->state != VIVA_INTERVIEW_STATE_PLANNED)
    stamped = viva_interview_stamp_paragraphs (viva_interview_item_get_notes (get_item (self, index)), new_notes,
                                               viva_interview_get_elapsed (self));

  return viva_interview_set_item_notes (self, index, stamped != NULL ? stamped : new_notes);
}

gboolean
viva_interview_set_item_rating (VivaInterview       *self,
                                guint                index,
                                VivaInterviewRating  rating)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (rating < VIVA_INTERVIEW_N_RATINGS, FALSE);

  if (self->read_only || index >= self->items->len)
    return FALSE;

  if (_viva_interview_item_set_rating (get_item (self, index), rating))
    emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_set_item_spent:
 * @spent: microseconds
 *
 * Corrects the time spent on a question (the clock counts it by
 * itself). Not while the interview runs.
 */
gboolean
viva_interview_set_item_spent (VivaInterview *self,
                               guint          index,
                               gint64         spent)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || index >= self->items->len ||
      self->state == VIVA_INTERVIEW_STATE_RUNNING ||
      spent < 0 || spent > VIVA_INTERVIEW_DURATION_MAX)
    return FALSE;

  if (_viva_interview_item_set_spent (get_item (self, index), spent))
    emit_item_changed (self, index);

  return TRUE;
}

/* Running */

VivaInterviewState
viva_interview_get_state (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), VIVA_INTERVIEW_STATE_PLANNED);

  return self->state;
}

/* Started and not finished: the one to offer to resume. */
gboolean
viva_interview_get_unfinished (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return self->state == VIVA_INTERVIEW_STATE_RUNNING ||
         self->state == VIVA_INTERVIEW_STATE_PAUSED;
}

/* Wall-clock microseconds since the epoch; 0 until started. */
gint64
viva_interview_get_started (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->started;
}

/* Wall-clock microseconds since the epoch; 0 until finished. */
gint64
viva_interview_get_finished (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->finished;
}

guint
viva_interview_get_current (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->current;
}

/**
 * viva_interview_set_current:
 * @current: the index of an item
 *
 * Moves to another question; while running, the time so far goes to
 * the question being left.
 */
gboolean
viva_interview_set_current (VivaInterview *self,
                            guint          current)
{
  guint old;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || current >= self->items->len)
    return FALSE;

  if (self->current == current)
    return TRUE;

  settle (self);
  old = self->current;
  self->current = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (self->state == VIVA_INTERVIEW_STATE_RUNNING)
    g_signal_emit (self, signals[ITEM_CHANGED], 0, old);
  emit_changed (self);

  return TRUE;
}

static gboolean
set_state (VivaInterview      *self,
           VivaInterviewState  state)
{
  gboolean was_unfinished = viva_interview_get_unfinished (self);
  guint current = self->current;
  gint64 now = sample (self);

  settle_at (self, now);
  self->state = state;

  if (state == VIVA_INTERVIEW_STATE_RUNNING)
    viva_stopwatch_start (&self->stopwatch, now);
  else
    viva_stopwatch_stop (&self->stopwatch, now);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_unfinished != viva_interview_get_unfinished (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNFINISHED]);
  if (current < self->items->len)
    g_signal_emit (self, signals[ITEM_CHANGED], 0, current);
  emit_changed (self);

  return TRUE;
}

/* Starts the clock of a planned interview on its first question. */
gboolean
viva_interview_start (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_PLANNED)
    return FALSE;

  self->started = g_get_real_time ();
  self->elapsed = 0;
  if (self->current != 0)
    {
      self->current = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }

  return set_state (self, VIVA_INTERVIEW_STATE_RUNNING);
}

gboolean
viva_interview_pause (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_RUNNING)
    return FALSE;

  return set_state (self, VIVA_INTERVIEW_STATE_PAUSED);
}

gboolean
viva_interview_resume (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_PAUSED)
    return FALSE;

  return set_state (self, VIVA_INTERVIEW_STATE_RUNNING);
}

/* Ends a running or paused interview; final. */
gboolean
viva_interview_finish (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || !viva_interview_get_unfinished (self))
    return FALSE;

  self->finished = g_get_real_time ();

  return set_state (self, VIVA_INTERVIEW_STATE_FINISHED);
}

/**
 * viva_interview_get_elapsed:
 *
 * Returns: the time the interview has run, in microseconds, pauses
 *   excluded: what the notes' stamps say
 */
gint64
viva_interview_get_elapsed (VivaInterview *self)
{
  gint64 running;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  /* First: reading the clock may charge time to the totals. */
  running = stretch (self);

  return MIN (self->elapsed + running, VIVA_INTERVIEW_DURATION_MAX);
}

/* The time spent on item @index so far, the running stretch included. */
gint64
viva_interview_get_item_elapsed (VivaInterview *self,
                                 guint          index)
{
  gint64 running;
  gint64 spent;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);
  g_return_val_if_fail (index < self->items->len, 0);

  /* First: reading the clock may charge time to the totals. */
  running = stretch (self);
  spent = viva_interview_item_get_spent (get_item (self, index));
  if (index == self->current)
    spent += running;

  return MIN (spent, VIVA_INTERVIEW_DURATION_MAX);
}

/**
 * viva_interview_checkpoint:
 *
 * Emits #VivaInterview::changed while the clock runs, so that the store
 * saves the time so far even when nothing else changes (the interviewer
 * listening, not typing): the view calls it every half minute or so, and
 * a crash then loses no more than that.
 *
 * Returns: whether the clock runs
 */
gboolean
viva_interview_checkpoint (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_RUNNING)
    return FALSE;

  emit_changed (self);

  return TRUE;
}

/* GListModel: the plan's items, in order. */

static GType
viva_interview_get_item_type (GListModel *model)
{
  return VIVA_TYPE_INTERVIEW_ITEM;
}

static guint
viva_interview_list_get_n_items (GListModel *model)
{
  return VIVA_INTERVIEW (model)->items->len;
}

static gpointer
viva_interview_list_get_item (GListModel *model,
                              guint       position)
{
  VivaInterview *self = VIVA_INTERVIEW (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (get_item (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = viva_interview_get_item_type;
  iface->get_n_items = viva_interview_list_get_n_items;
  iface->get_item = viva_interview_list_get_item;
}
