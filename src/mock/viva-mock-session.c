/* viva-mock-session.c
 *
 * One file over 1,000 lines because it is one GObject and nothing else:
 * the fifteen properties a session file holds, their getters, and the
 * setters that share the session's invariants (read-only refuses
 * everything, finished is final, current stays in range, ::changed after
 * every real change). What is not the object itself lives apart already:
 * its items (viva-mock-item.c), its totals and report
 * (viva-mock-report.c), its file (viva-session-file.c), its timing
 * (viva-mock-timer.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-enum-nick.h"
#include "viva-level.h"
#include "viva-mock-session-private.h"
#include "viva-question.h"
#include "viva-stopwatch.h"
#include "viva-topic.h"

struct _VivaMockSession
{
  GObject               parent_instance;

  /* Owned */
  char                 *id;
  char                 *bank_id;
  char                 *bank_title;
  GPtrArray            *items;          /* (element-type VivaMockItem) (owned) */

  gint64                created;
  gint64                finished;
  gint64                total_budget;
  guint64               seed;
  guint                 current;
  VivaMockBudgetMode    budget_mode;
  VivaMockSessionState  state;

  guint                 random_order : 1;
  guint                 auto_advance : 1;
  guint                 read_only : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VivaMockSession, viva_mock_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The nicks are the session file's spelling; never translate them. */
G_DEFINE_ENUM_TYPE (VivaMockRating, viva_mock_rating,
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_RATING_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_RATING_AGAIN, "again"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_RATING_HARD, "hard"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_RATING_GOOD, "good"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_RATING_EASY, "easy"))

G_DEFINE_ENUM_TYPE (VivaMockSessionState, viva_mock_session_state,
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_SESSION_STATE_NOT_STARTED, "not-started"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_SESSION_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_SESSION_STATE_PAUSED, "paused"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_SESSION_STATE_FINISHED, "finished"))

enum {
  PROP_0,
  PROP_ID,
  PROP_BANK_ID,
  PROP_BANK_TITLE,
  PROP_CREATED,
  PROP_FINISHED,
  PROP_SEED,
  PROP_RANDOM_ORDER,
  PROP_BUDGET_MODE,
  PROP_TOTAL_BUDGET,
  PROP_AUTO_ADVANCE,
  PROP_N_ITEMS,
  PROP_CURRENT,
  PROP_STATE,
  PROP_READ_ONLY,
  PROP_UNFINISHED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Enums as strings: the nicks above, which are the files' words */

/* The on-disk spelling of a rating. */
const char *
viva_mock_rating_to_string (VivaMockRating rating)
{
  g_return_val_if_fail (rating < VIVA_MOCK_N_RATINGS, "none");

  return viva_enum_to_nick (VIVA_TYPE_MOCK_RATING, rating);
}

gboolean
viva_mock_rating_from_string (const char     *str,
                              VivaMockRating *rating)
{
  int value;

  g_return_val_if_fail (rating != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_MOCK_RATING, str, &value))
    return FALSE;

  *rating = (VivaMockRating) value;
  return TRUE;
}

/**
 * viva_mock_rating_get_label:
 * @rating: a rating
 *
 * Returns: the rating as the user sees it ("Again"), translated
 */
const char *
viva_mock_rating_get_label (VivaMockRating rating)
{
  switch (rating)
    {
    case VIVA_MOCK_RATING_NONE:
      return _("Not rated");

    case VIVA_MOCK_RATING_AGAIN:
      return _("Again");

    case VIVA_MOCK_RATING_HARD:
      return _("Hard");

    case VIVA_MOCK_RATING_GOOD:
      return _("Good");

    case VIVA_MOCK_RATING_EASY:
      return _("Easy");

    default:
      g_return_val_if_reached ("");
    }
}

/**
 * viva_mock_rating_to_status:
 * @rating: a self-rating
 * @status: (out): the study status it means
 *
 * What a self-rating says about the question's study status, for the
 * page to apply to the question's note. Again and Hard mean the answer
 * did not come easily, so the question needs more study (Learning); Good
 * and Easy mean the user knew it (Confident). Two states suffice because
 * the notes keep no more than New, Learning and Confident, and a rating
 * never sends a question back to New: it has been studied now.
 *
 * Returns: %FALSE for %VIVA_MOCK_RATING_NONE, which leaves the note alone
 */
gboolean
viva_mock_rating_to_status (VivaMockRating  rating,
                            VivaStatus     *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  switch (rating)
    {
    case VIVA_MOCK_RATING_AGAIN:
    case VIVA_MOCK_RATING_HARD:
      *status = VIVA_STATUS_LEARNING;
      return TRUE;

    case VIVA_MOCK_RATING_GOOD:
    case VIVA_MOCK_RATING_EASY:
      *status = VIVA_STATUS_CONFIDENT;
      return TRUE;

    case VIVA_MOCK_RATING_NONE:
    default:
      return FALSE;
    }
}

const char *
viva_mock_session_state_to_string (VivaMockSessionState state)
{
  g_return_val_if_fail (state <= VIVA_MOCK_SESSION_STATE_FINISHED, "not-started");

  return viva_enum_to_nick (VIVA_TYPE_MOCK_SESSION_STATE, state);
}

gboolean
viva_mock_session_state_from_string (const char           *str,
                                     VivaMockSessionState *state)
{
  int value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_MOCK_SESSION_STATE, str, &value))
    return FALSE;

  *state = (VivaMockSessionState) value;
  return TRUE;
}

/* Items */

static VivaMockItem *
get_item (VivaMockSession *self,
          guint            index)
{
  return g_ptr_array_index (self->items, index);
}

/* Text copied from a bank: valid UTF-8 (bank ids come from file names),
 * cut at a character boundary to at most @max_size bytes, with "…" when
 * @ellipsis says so. */
static char *
dup_bounded (const char *text,
             gsize       max_size,
             gboolean    ellipsis)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *end;
  gsize limit;

  if (strlen (valid) <= max_size)
    return g_steal_pointer (&valid);

  limit = ellipsis ? max_size - strlen ("…") : max_size;
  end = valid + limit;
  while (end > valid && ((guchar) *end & 0xC0) == 0x80)
    end--;

  if (ellipsis)
    {
      g_autofree char *head = g_strndup (valid, end - valid);

      return g_strconcat (head, "…", NULL);
    }

  return g_strndup (valid, end - valid);
}

/* Session ids */

/**
 * _viva_mock_session_id_is_valid:
 * @id: a string
 *
 * Ids are file names: 1 to 64 ASCII letters, digits, "-" and "_", not
 * starting with "-" (an option to some tools) nor "_".
 */
gboolean
_viva_mock_session_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > VIVA_MOCK_SESSION_ID_MAX_SIZE || !g_ascii_isalnum (id[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_')
        return FALSE;
    }

  return TRUE;
}

/* "2026-11-24T01-02-03-5f3a09c1": when it started, in UTC so that ids
 * sort by time whatever the time zone, plus 32 random bits so that two
 * interviews started in the same second (two windows, two machines
 * sharing the folder) never share a file. No ":" so that the name is a
 * valid file name everywhere. */
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

/* GObject */

static void
viva_mock_session_finalize (GObject *object)
{
  VivaMockSession *self = (VivaMockSession *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->bank_id, g_free);
  g_clear_pointer (&self->bank_title, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_mock_session_parent_class)->finalize (object);
}

static void
viva_mock_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VivaMockSession *self = VIVA_MOCK_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_BANK_ID:
      g_value_set_string (value, self->bank_id);
      break;

    case PROP_BANK_TITLE:
      g_value_set_string (value, self->bank_title);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_FINISHED:
      g_value_set_int64 (value, self->finished);
      break;

    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    case PROP_RANDOM_ORDER:
      g_value_set_boolean (value, self->random_order);
      break;

    case PROP_BUDGET_MODE:
      g_value_set_enum (value, self->budget_mode);
      break;

    case PROP_TOTAL_BUDGET:
      g_value_set_int64 (value, self->total_budget);
      break;

    case PROP_AUTO_ADVANCE:
      g_value_set_boolean (value, self->auto_advance);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_UNFINISHED:
      g_value_set_boolean (value, viva_mock_session_get_unfinished (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_session_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VivaMockSession *self = VIVA_MOCK_SESSION (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      viva_mock_session_set_current (self, g_value_get_uint (value));
      break;

    case PROP_STATE:
      viva_mock_session_set_state (self, g_value_get_enum (value));
      break;

    case PROP_READ_ONLY:
      viva_mock_session_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_session_class_init (VivaMockSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_mock_session_finalize;
  object_class->get_property = viva_mock_session_get_property;
  object_class->set_property = viva_mock_session_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BANK_ID] =
    g_param_spec_string ("bank-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BANK_TITLE] =
    g_param_spec_string ("bank-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:created:
   *
   * When the session was set up, in microseconds since 1970 (wall clock).
   */
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:finished:
   *
   * When the session reached %VIVA_MOCK_SESSION_STATE_FINISHED, in
   * microseconds since 1970, or 0.
   */
  properties[PROP_FINISHED] =
    g_param_spec_int64 ("finished", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:seed:
   *
   * The seed that drew the questions, or 0 for bank order.
   */
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_RANDOM_ORDER] =
    g_param_spec_boolean ("random-order", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUDGET_MODE] =
    g_param_spec_enum ("budget-mode", NULL, NULL,
                       VIVA_TYPE_MOCK_BUDGET_MODE,
                       VIVA_MOCK_BUDGET_PER_LEVEL,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:total-budget:
   *
   * The whole interview's budget in %VIVA_MOCK_BUDGET_TOTAL mode, in
   * microseconds; 0 in %VIVA_MOCK_BUDGET_PER_LEVEL mode, where each item
   * has its own.
   */
  properties[PROP_TOTAL_BUDGET] =
    g_param_spec_int64 ("total-budget", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTO_ADVANCE] =
    g_param_spec_boolean ("auto-advance", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:current:
   *
   * The index of the question being asked; the number of items once
   * the interview went past the last one.
   */
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       VIVA_TYPE_MOCK_SESSION_STATE,
                       VIVA_MOCK_SESSION_STATE_NOT_STARTED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:read-only:
   *
   * Whether edits are refused: a past session reopened from the history,
   * or one written by a newer version of Viva.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSession:unfinished:
   *
   * Whether the interview was started and not finished: the one to
   * offer to resume.
   */
  properties[PROP_UNFINISHED] =
    g_param_spec_boolean ("unfinished", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaMockSession::changed:
   *
   * Something that is saved changed: answers, ratings, times, the
   * current question, the state.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_mock_session_init (VivaMockSession *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->state = VIVA_MOCK_SESSION_STATE_NOT_STARTED;
}

/* Construction */

/**
 * viva_mock_session_new:
 * @bank: the bank the questions come from
 * @setup: the setup they were selected with
 * @questions: (element-type VivaQuestion): 1 to 50 questions, from
 *   viva_mock_setup_select()
 * @seed: the seed viva_mock_setup_select() used
 *
 * A new interview, not started, with a new unique id. Each question's
 * budget comes from its level in %VIVA_MOCK_BUDGET_PER_LEVEL mode; in
 * %VIVA_MOCK_BUDGET_TOTAL mode questions have none and the session has
 * the setup's total.
 *
 * Returns: (transfer full): the session
 */
VivaMockSession *
viva_mock_session_new (VivaBank      *bank,
                       VivaMockSetup *setup,
                       GPtrArray     *questions,
                       guint64        seed)
{
  VivaMockSession *self;
  VivaMockBudgetMode mode;
  gint64 created;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (setup), NULL);
  g_return_val_if_fail (questions != NULL, NULL);
  g_return_val_if_fail (questions->len >= 1 && questions->len <= VIVA_MOCK_SESSION_MAX_ITEMS, NULL);

  created = g_get_real_time ();
  mode = viva_mock_setup_get_budget_mode (setup);

  self = g_object_new (VIVA_TYPE_MOCK_SESSION, NULL);
  self->id = generate_id (created);
  self->bank_id = dup_bounded (viva_bank_get_id (bank), VIVA_MOCK_BANK_ID_MAX_SIZE, FALSE);
  self->bank_title = dup_bounded (viva_bank_get_title (bank), VIVA_MOCK_TITLE_MAX_SIZE, TRUE);
  self->created = created;
  self->seed = seed;
  self->random_order = viva_mock_setup_get_random_order (setup);
  self->budget_mode = mode;
  self->total_budget = mode == VIVA_MOCK_BUDGET_TOTAL ? viva_mock_setup_get_total_budget (setup) : 0;
  self->auto_advance = viva_mock_setup_get_auto_advance (setup);

  for (guint i = 0; i < questions->len; i++)
    {
      VivaQuestion *question = g_ptr_array_index (questions, i);
      VivaLevel *level = viva_question_get_level (question);
      VivaTopic *topic = viva_question_get_topic (question);
      VivaMockItemData item = { 0, };

      item.number = viva_question_get_number (question);
      item.level_number = viva_level_get_number (level);
      item.level_title = dup_bounded (viva_level_get_title (level), VIVA_MOCK_TITLE_MAX_SIZE, TRUE);
      item.topic_name = topic ? dup_bounded (viva_topic_get_name (topic), VIVA_MOCK_TITLE_MAX_SIZE, TRUE) : NULL;
      item.question_text = dup_bounded (viva_question_get_text (question), VIVA_MOCK_QUESTION_TEXT_MAX_SIZE, TRUE);
      item.budget = mode == VIVA_MOCK_BUDGET_PER_LEVEL
                    ? viva_mock_setup_get_budget_for_level (setup, item.level_number)
                    : 0;
      item.answer = (char *) "";
      item.rating = VIVA_MOCK_RATING_NONE;

      g_ptr_array_add (self->items, _viva_mock_item_new (&item));
      g_free (item.level_title);
      g_free (item.topic_name);
      g_free (item.question_text);
    }

  return self;
}

VivaMockSession *
_viva_mock_session_new_loaded (const char         *id,
                               const char         *bank_id,
                               const char         *bank_title,
                               gint64              created,
                               guint64             seed,
                               gboolean            random_order,
                               VivaMockBudgetMode  budget_mode,
                               gint64              total_budget,
                               gboolean            auto_advance)
{
  VivaMockSession *self = g_object_new (VIVA_TYPE_MOCK_SESSION, NULL);

  g_assert (_viva_mock_session_id_is_valid (id));

  self->id = g_strdup (id);
  self->bank_id = g_strdup (bank_id);
  self->bank_title = g_strdup (bank_title);
  self->created = created;
  self->seed = seed;
  self->random_order = !!random_order;
  self->budget_mode = budget_mode;
  self->total_budget = total_budget;
  self->auto_advance = !!auto_advance;

  return self;
}

/* Copies @item, which the reader validated. */
void
_viva_mock_session_append_item (VivaMockSession        *self,
                                const VivaMockItemData *item)
{
  g_assert (self->items->len < VIVA_MOCK_SESSION_MAX_ITEMS);

  g_ptr_array_add (self->items, _viva_mock_item_new (item));
}

void
_viva_mock_session_load_progress (VivaMockSession      *self,
                                  guint                 current,
                                  VivaMockSessionState  state,
                                  gint64                finished)
{
  g_assert (current <= self->items->len);

  self->current = current;
  self->state = state;
  self->finished = finished;
}

/* Getters */

const char *
viva_mock_session_get_id (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);

  return self->id;
}

const char *
viva_mock_session_get_bank_id (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);

  return self->bank_id;
}

const char *
viva_mock_session_get_bank_title (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);

  return self->bank_title;
}

gint64
viva_mock_session_get_created (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), 0);

  return self->created;
}

gint64
viva_mock_session_get_finished (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), 0);

  return self->finished;
}

guint64
viva_mock_session_get_seed (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), 0);

  return self->seed;
}

gboolean
viva_mock_session_get_random_order (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);

  return self->random_order;
}

VivaMockBudgetMode
viva_mock_session_get_budget_mode (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), VIVA_MOCK_BUDGET_PER_LEVEL);

  return self->budget_mode;
}

gint64
viva_mock_session_get_total_budget (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), 0);

  return self->total_budget;
}

gboolean
viva_mock_session_get_auto_advance (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);

  return self->auto_advance;
}

gboolean
viva_mock_session_get_read_only (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), TRUE);

  return self->read_only;
}

void
viva_mock_session_set_read_only (VivaMockSession *self,
                                 gboolean         read_only)
{
  g_return_if_fail (VIVA_IS_MOCK_SESSION (self));

  read_only = !!read_only;

  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

gboolean
viva_mock_session_get_unfinished (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);

  return self->finished == 0 &&
         (self->state == VIVA_MOCK_SESSION_STATE_RUNNING ||
          self->state == VIVA_MOCK_SESSION_STATE_PAUSED);
}

guint
viva_mock_session_get_n_items (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), 0);

  return self->items->len;
}

/**
 * viva_mock_session_get_item:
 * @self: a #VivaMockSession
 * @index: which item
 *
 * Returns: (transfer none): the item, valid until the session changes it
 */
VivaMockItem *
viva_mock_session_get_item (VivaMockSession *self,
                            guint            index)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return get_item (self, index);
}

/**
 * viva_mock_session_dup_budgets:
 * @self: a #VivaMockSession
 *
 * The items' budgets, as VivaMockTimer takes them.
 *
 * Returns: (transfer full) (array): n-items budgets, in microseconds
 */
gint64 *
viva_mock_session_dup_budgets (VivaMockSession *self)
{
  gint64 *budgets;

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);

  budgets = g_new0 (gint64, MAX (self->items->len, 1));
  for (guint i = 0; i < self->items->len; i++)
    budgets[i] = viva_mock_item_get_budget (get_item (self, i));

  return budgets;
}

guint
viva_mock_session_get_current (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), 0);

  return self->current;
}

VivaMockSessionState
viva_mock_session_get_state (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), VIVA_MOCK_SESSION_STATE_NOT_STARTED);

  return self->state;
}

/* Setters. They return %FALSE, changing nothing, when the session is
 * read-only or the value is not one a session can hold; %TRUE otherwise,
 * whether or not anything changed. Each real change notifies the
 * session's property or the item's, then emits ::changed. */

static void
viva_mock_session_changed (VivaMockSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
apply_current (VivaMockSession *self,
               guint            current)
{
  if (self->current == current)
    return FALSE;

  self->current = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);

  return TRUE;
}

static gboolean
apply_state (VivaMockSession      *self,
             VivaMockSessionState  state)
{
  gboolean was_unfinished = viva_mock_session_get_unfinished (self);

  if (self->state == state)
    return FALSE;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  if (state == VIVA_MOCK_SESSION_STATE_FINISHED && self->finished == 0)
    {
      /* 0 means "not finished": a clock set to 1970 still finishes. */
      self->finished = MAX (g_get_real_time (), 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
    }

  if (was_unfinished != viva_mock_session_get_unfinished (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNFINISHED]);

  return TRUE;
}

/* A finished interview stays finished, as the timer's does. */
static gboolean
state_change_allowed (VivaMockSession      *self,
                      VivaMockSessionState  state)
{
  return state <= VIVA_MOCK_SESSION_STATE_FINISHED &&
         (self->state != VIVA_MOCK_SESSION_STATE_FINISHED || state == VIVA_MOCK_SESSION_STATE_FINISHED);
}

gboolean
viva_mock_session_set_current (VivaMockSession *self,
                               guint            current)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);

  if (self->read_only || current > self->items->len)
    return FALSE;

  if (apply_current (self, current))
    viva_mock_session_changed (self);

  return TRUE;
}

/**
 * viva_mock_session_set_state:
 * @self: a #VivaMockSession
 * @state: the new state
 *
 * Moving to %VIVA_MOCK_SESSION_STATE_FINISHED also sets
 * #VivaMockSession:finished to now; a finished session cannot move back.
 *
 * Returns: whether the state was accepted
 */
gboolean
viva_mock_session_set_state (VivaMockSession      *self,
                             VivaMockSessionState  state)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);

  if (self->read_only || !state_change_allowed (self, state))
    return FALSE;

  if (apply_state (self, state))
    viva_mock_session_changed (self);

  return TRUE;
}

static gboolean
apply_spent (VivaMockSession *self,
             guint            index,
             gint64           spent)
{
  return _viva_mock_item_set_spent (get_item (self, index), CLAMP (spent, 0, VIVA_MOCK_DURATION_MAX));
}

static gboolean
apply_skipped (VivaMockSession *self,
               guint            index,
               gboolean         skipped)
{
  return _viva_mock_item_set_skipped (get_item (self, index), skipped);
}

/**
 * _viva_mock_session_add_spent:
 * @index: which item
 * @delta: time run, microseconds, at least 0
 *
 * Charges @delta to item @index, saturating rather than wrapping: the
 * timer's one way of counting time (VivaMockTimer folds its running
 * segment into the current item). The file holds at most
 * %VIVA_MOCK_DURATION_MAX; viva-session-file.c clamps when it writes.
 */
void
_viva_mock_session_add_spent (VivaMockSession *self,
                              guint            index,
                              gint64           delta)
{
  VivaMockItem *item;

  g_assert (VIVA_IS_MOCK_SESSION (self));
  g_assert (index < self->items->len);
  g_assert (delta >= 0);

  if (self->read_only || delta == 0)
    return;

  item = get_item (self, index);
  if (_viva_mock_item_set_spent (item, viva_time_add_saturated (viva_mock_item_get_spent (item), delta)))
    viva_mock_session_changed (self);
}

/* The item notified its property. */
static void
viva_mock_session_item_changed (VivaMockSession *self,
                                guint            index)
{
  viva_mock_session_changed (self);
}

gboolean
viva_mock_session_set_item_spent (VivaMockSession *self,
                                  guint            index,
                                  gint64           spent)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);

  if (self->read_only)
    return FALSE;

  if (apply_spent (self, index, spent))
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

gboolean
viva_mock_session_set_item_skipped (VivaMockSession *self,
                                    guint            index,
                                    gboolean         skipped)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);

  if (self->read_only)
    return FALSE;

  if (apply_skipped (self, index, skipped))
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

/**
 * viva_mock_session_set_answer:
 * @self: a #VivaMockSession
 * @index: which item
 * @answer: (nullable): the answer typed, UTF-8
 *
 * Returns: %FALSE, keeping the previous answer, when the session is
 *   read-only or @answer is longer than %VIVA_MOCK_ANSWER_MAX_SIZE; the
 *   editor should stop growing it before that
 */
gboolean
viva_mock_session_set_answer (VivaMockSession *self,
                              guint            index,
                              const char      *answer)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_return_val_if_fail (answer == NULL || g_utf8_validate (answer, -1, NULL), FALSE);

  if (answer == NULL)
    answer = "";

  if (self->read_only || strlen (answer) > VIVA_MOCK_ANSWER_MAX_SIZE)
    return FALSE;

  if (_viva_mock_item_set_answer (get_item (self, index), answer))
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

gboolean
viva_mock_session_set_rating (VivaMockSession *self,
                              guint            index,
                              VivaMockRating   rating)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_return_val_if_fail (rating < VIVA_MOCK_N_RATINGS, FALSE);

  if (self->read_only)
    return FALSE;

  if (_viva_mock_item_set_rating (get_item (self, index), rating))
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

/**
 * viva_mock_session_set_code:
 * @self: a #VivaMockSession
 * @index: which item
 * @code: the code typed in its code pad, UTF-8
 *
 * Keeps the code of a coding question, as the user types it.
 *
 * Returns: %FALSE, keeping the previous code, when the session is
 *   read-only or @code is longer than %VIVA_MOCK_CODE_MAX_SIZE
 */
gboolean
viva_mock_session_set_code (VivaMockSession *self,
                            guint            index,
                            const char      *code)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_return_val_if_fail (code != NULL && g_utf8_validate (code, -1, NULL), FALSE);

  if (self->read_only || strlen (code) > VIVA_MOCK_CODE_MAX_SIZE)
    return FALSE;

  if (_viva_mock_item_set_code (get_item (self, index), code))
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

/* A run's code is kept with what it gave; code over its bound was never
 * typed (the pad stops it), so the result is dropped with it. */
static gboolean
viva_mock_session_keep_run_code (VivaMockSession *self,
                                 guint            index,
                                 const char      *code,
                                 gboolean        *changed)
{
  if (self->read_only || strlen (code) > VIVA_MOCK_CODE_MAX_SIZE)
    return FALSE;

  *changed |= _viva_mock_item_set_code (get_item (self, index), code);

  return TRUE;
}

/**
 * viva_mock_session_set_run_output:
 * @self: a #VivaMockSession
 * @index: which item
 * @code: the code that ran
 * @output: what the run showed, as shown; valid UTF-8 (the runner makes
 *   it so)
 *
 * Keeps the last run of a coding question: its code, and its output cut
 * to %VIVA_MOCK_OUTPUT_MAX_SIZE (ending with "…" when cut).
 *
 * Returns: %FALSE when the session is read-only or @code too long
 */
gboolean
viva_mock_session_set_run_output (VivaMockSession *self,
                                  guint            index,
                                  const char      *code,
                                  const char      *output)
{
  g_autofree char *kept = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_return_val_if_fail (code != NULL && g_utf8_validate (code, -1, NULL), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (!viva_mock_session_keep_run_code (self, index, code, &changed))
    return FALSE;

  kept = dup_bounded (output, VIVA_MOCK_OUTPUT_MAX_SIZE, TRUE);
  changed |= _viva_mock_item_set_output (get_item (self, index), kept);

  if (changed)
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

/**
 * viva_mock_session_set_test_results:
 * @self: a #VivaMockSession
 * @index: which item
 * @code: the code the tests ran
 * @results: (nullable): their results, copied
 *
 * Keeps the last Run Tests of a coding question, and its code.
 *
 * Returns: %FALSE when the session is read-only or @code too long
 */
gboolean
viva_mock_session_set_test_results (VivaMockSession      *self,
                                    guint                 index,
                                    const char           *code,
                                    VivaChallengeResults *results)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_return_val_if_fail (code != NULL && g_utf8_validate (code, -1, NULL), FALSE);

  if (!viva_mock_session_keep_run_code (self, index, code, &changed))
    return FALSE;

  changed |= _viva_mock_item_take_test_results (get_item (self, index),
                                                results ? viva_challenge_results_copy (results) : NULL);

  if (changed)
    viva_mock_session_item_changed (self, index);

  return TRUE;
}

/**
 * viva_mock_session_get_has_code:
 * @self: a #VivaMockSession
 *
 * Whether some question keeps code: the session's file then needs the
 * format version that holds it.
 */
gboolean
viva_mock_session_get_has_code (VivaMockSession *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (viva_mock_item_has_code (get_item (self, i)))
        return TRUE;
    }

  return FALSE;
}

/* GListModel: the session's items, in the order asked. */

static GType
viva_mock_session_get_item_type (GListModel *model)
{
  return VIVA_TYPE_MOCK_ITEM;
}

static guint
viva_mock_session_list_get_n_items (GListModel *model)
{
  return VIVA_MOCK_SESSION (model)->items->len;
}

static gpointer
viva_mock_session_list_get_item (GListModel *model,
                                 guint       position)
{
  VivaMockSession *self = VIVA_MOCK_SESSION (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (get_item (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = viva_mock_session_get_item_type;
  iface->get_n_items = viva_mock_session_list_get_n_items;
  iface->get_item = viva_mock_session_list_get_item;
}
