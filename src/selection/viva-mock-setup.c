/* viva-mock-setup.c
 *
 * The choices before an interview and how they are remembered; drawing
 * the questions from them is viva-mock-select.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-mock-setup.h"

/* The remembered setup in GSettings ("mock-last-setup", a{sv}). Keys are
 * read one by one: a key that is missing, of the wrong type or out of
 * range falls back to its default without taking the others along. The
 * seed is not remembered (every interview gets a new order), nor are the
 * per-level budgets, which have keys of their own in Preferences. */
#define KEY_CHOSEN         "chosen"
#define KEY_N_QUESTIONS    "n-questions"
#define KEY_RANDOM_ORDER   "random-order"
#define KEY_SKIP_CONFIDENT "skip-confident"
#define KEY_BUDGET_MODE    "budget-mode"
#define KEY_TOTAL_BUDGET   "total-budget"
#define KEY_AUTO_ADVANCE   "auto-advance"

#define DEFAULT_RANDOM_ORDER   TRUE
#define DEFAULT_SKIP_CONFIDENT FALSE
#define DEFAULT_AUTO_ADVANCE   FALSE

/* Minutes for levels 1 to 6, as the issue and the GSettings schema have
 * them: Beginner, Intermediate, Hard, Expert, Extreme / Architectural,
 * Practical. */
static const guint default_level_minutes[VIVA_MOCK_SETUP_N_LEVEL_BUDGETS] = { 2, 3, 5, 7, 15, 20 };

struct _VivaMockSetup
{
  GObject             parent_instance;

  /* Owned */
  GStrv               chosen;

  gint64              level_budgets[VIVA_MOCK_SETUP_N_LEVEL_BUDGETS];
  gint64              total_budget;
  guint64             seed;
  guint               n_questions;
  VivaMockBudgetMode  budget_mode;

  guint               random_order : 1;
  guint               skip_confident : 1;
  guint               auto_advance : 1;
};

G_DEFINE_FINAL_TYPE (VivaMockSetup, viva_mock_setup, G_TYPE_OBJECT)

G_DEFINE_QUARK (viva-mock-setup-error-quark, viva_mock_setup_error)

/* The nicks are the variant's (and the session file's) spelling. */
G_DEFINE_ENUM_TYPE (VivaMockBudgetMode, viva_mock_budget_mode,
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_BUDGET_PER_LEVEL, "per-level"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_BUDGET_TOTAL, "total"))

enum {
  PROP_0,
  PROP_CHOSEN,
  PROP_N_QUESTIONS,
  PROP_RANDOM_ORDER,
  PROP_SKIP_CONFIDENT,
  PROP_BUDGET_MODE,
  PROP_TOTAL_BUDGET,
  PROP_LEVEL_BUDGETS,
  PROP_AUTO_ADVANCE,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keys */

static gboolean
parse_level_number (const char  *str,
                    const char **end,
                    guint       *number)
{
  guint64 value = 0;
  const char *p = str;

  /* Decimal, no sign, no leading zero: one spelling per level. */
  if (*p < '1' || *p > '9')
    return FALSE;

  while (*p >= '0' && *p <= '9')
    {
      value = value * 10 + (guint64) (*p - '0');
      if (value > G_MAXUINT32)
        return FALSE;
      p++;
    }

  *number = (guint) value;
  *end = p;

  return TRUE;
}

/* Accepts "level:N" and "topic:N:Name" with a non-empty UTF-8 name. */
static gboolean
key_is_valid (const char *key)
{
  const char *end;
  guint number;
  gsize len = strlen (key);

  if (len == 0 || len > VIVA_MOCK_SETUP_KEY_MAX_SIZE || !g_utf8_validate (key, len, NULL))
    return FALSE;

  if (g_str_has_prefix (key, "level:"))
    return parse_level_number (key + strlen ("level:"), &end, &number) && *end == '\0';

  if (g_str_has_prefix (key, "topic:"))
    return parse_level_number (key + strlen ("topic:"), &end, &number) &&
           end[0] == ':' && end[1] != '\0';

  return FALSE;
}

/**
 * viva_mock_setup_dup_level_key:
 * @level_number: a level's number
 *
 * Returns: (transfer full): the #VivaMockSetup:chosen key for a level
 */
char *
viva_mock_setup_dup_level_key (guint level_number)
{
  return g_strdup_printf ("level:%u", level_number);
}

/**
 * viva_mock_setup_dup_topic_key:
 * @level_number: the number of the topic's level
 * @topic_name: the topic's name
 *
 * Returns: (transfer full): the #VivaMockSetup:chosen key for a topic
 */
char *
viva_mock_setup_dup_topic_key (guint       level_number,
                               const char *topic_name)
{
  g_return_val_if_fail (topic_name != NULL, NULL);

  return g_strdup_printf ("topic:%u:%s", level_number, topic_name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Valid keys only, sorted and without duplicates: the same choice has
 * one spelling, so that "changed" means changed. */
static GStrv
normalize_keys (const char * const *keys)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (key_is_valid (keys[i]))
        g_ptr_array_add (array, (gpointer) keys[i]);
    }

  g_ptr_array_sort (array, compare_strings);

  for (guint i = 0; i < array->len && out->len < VIVA_MOCK_SETUP_MAX_KEYS; i++)
    {
      const char *key = g_ptr_array_index (array, i);

      if (i > 0 && strcmp (key, g_ptr_array_index (array, i - 1)) == 0)
        continue;

      g_ptr_array_add (out, g_strdup (key));
    }

  g_ptr_array_add (out, NULL);

  return (GStrv) g_ptr_array_free (out, FALSE);
}

static gint64
default_level_budget (guint index)
{
  return (gint64) default_level_minutes[index] * 60 * G_USEC_PER_SEC;
}

/* GObject */

static void
viva_mock_setup_finalize (GObject *object)
{
  VivaMockSetup *self = (VivaMockSetup *)object;

  g_clear_pointer (&self->chosen, g_strfreev);

  G_OBJECT_CLASS (viva_mock_setup_parent_class)->finalize (object);
}

static GVariant *
viva_mock_setup_dup_level_budgets (VivaMockSetup *self)
{
  return g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                        self->level_budgets,
                                                        VIVA_MOCK_SETUP_N_LEVEL_BUDGETS,
                                                        sizeof (gint64)));
}

static void
viva_mock_setup_set_level_budgets (VivaMockSetup *self,
                                   GVariant      *budgets)
{
  const gint64 *values;
  gsize n = 0;

  if (budgets == NULL || !g_variant_is_of_type (budgets, G_VARIANT_TYPE ("ax")))
    return;

  values = g_variant_get_fixed_array (budgets, &n, sizeof (gint64));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < MIN (n, VIVA_MOCK_SETUP_N_LEVEL_BUDGETS); i++)
    viva_mock_setup_set_level_budget (self, i + 1, values[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
viva_mock_setup_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VivaMockSetup *self = VIVA_MOCK_SETUP (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      g_value_set_boxed (value, self->chosen);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->n_questions);
      break;

    case PROP_RANDOM_ORDER:
      g_value_set_boolean (value, self->random_order);
      break;

    case PROP_SKIP_CONFIDENT:
      g_value_set_boolean (value, self->skip_confident);
      break;

    case PROP_BUDGET_MODE:
      g_value_set_enum (value, self->budget_mode);
      break;

    case PROP_TOTAL_BUDGET:
      g_value_set_int64 (value, self->total_budget);
      break;

    case PROP_LEVEL_BUDGETS:
      g_value_take_variant (value, viva_mock_setup_dup_level_budgets (self));
      break;

    case PROP_AUTO_ADVANCE:
      g_value_set_boolean (value, self->auto_advance);
      break;

    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_setup_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VivaMockSetup *self = VIVA_MOCK_SETUP (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      viva_mock_setup_set_chosen (self, g_value_get_boxed (value));
      break;

    case PROP_N_QUESTIONS:
      viva_mock_setup_set_n_questions (self, g_value_get_uint (value));
      break;

    case PROP_RANDOM_ORDER:
      viva_mock_setup_set_random_order (self, g_value_get_boolean (value));
      break;

    case PROP_SKIP_CONFIDENT:
      viva_mock_setup_set_skip_confident (self, g_value_get_boolean (value));
      break;

    case PROP_BUDGET_MODE:
      viva_mock_setup_set_budget_mode (self, g_value_get_enum (value));
      break;

    case PROP_TOTAL_BUDGET:
      viva_mock_setup_set_total_budget (self, g_value_get_int64 (value));
      break;

    case PROP_LEVEL_BUDGETS:
      viva_mock_setup_set_level_budgets (self, g_value_get_variant (value));
      break;

    case PROP_AUTO_ADVANCE:
      viva_mock_setup_set_auto_advance (self, g_value_get_boolean (value));
      break;

    case PROP_SEED:
      viva_mock_setup_set_seed (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_setup_class_init (VivaMockSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_mock_setup_finalize;
  object_class->get_property = viva_mock_setup_get_property;
  object_class->set_property = viva_mock_setup_set_property;

  /**
   * VivaMockSetup:chosen:
   *
   * The chosen levels ("level:N") and topics ("topic:N:Name"), sorted;
   * empty for the whole bank. Invalid keys are dropped when set.
   */
  properties[PROP_CHOSEN] =
    g_param_spec_boxed ("chosen", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:n-questions:
   *
   * How many questions to ask, 1 to 50; fewer when fewer are available.
   */
  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL,
                       VIVA_MOCK_SETUP_MIN_QUESTIONS, VIVA_MOCK_SETUP_MAX_QUESTIONS,
                       VIVA_MOCK_SETUP_DEFAULT_QUESTIONS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:random-order:
   *
   * Whether to draw the questions at random (from #VivaMockSetup:seed)
   * rather than take the first ones in bank order.
   */
  properties[PROP_RANDOM_ORDER] =
    g_param_spec_boolean ("random-order", NULL, NULL,
                          DEFAULT_RANDOM_ORDER,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:skip-confident:
   *
   * Whether to leave out the questions whose note says Confident.
   */
  properties[PROP_SKIP_CONFIDENT] =
    g_param_spec_boolean ("skip-confident", NULL, NULL,
                          DEFAULT_SKIP_CONFIDENT,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:budget-mode:
   *
   * A budget per question from its level, or one for the whole interview.
   */
  properties[PROP_BUDGET_MODE] =
    g_param_spec_enum ("budget-mode", NULL, NULL,
                       VIVA_TYPE_MOCK_BUDGET_MODE,
                       VIVA_MOCK_BUDGET_PER_LEVEL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:total-budget:
   *
   * The whole interview's budget in %VIVA_MOCK_BUDGET_TOTAL mode, in
   * microseconds.
   */
  properties[PROP_TOTAL_BUDGET] =
    g_param_spec_int64 ("total-budget", NULL, NULL,
                        VIVA_MOCK_BUDGET_MIN, VIVA_MOCK_TOTAL_BUDGET_MAX,
                        VIVA_MOCK_TOTAL_BUDGET_DEFAULT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:level-budgets:
   *
   * The budgets of levels 1 to 6 in microseconds, as an "ax" variant.
   * Notified when any of them changes; viva_mock_setup_set_level_budget()
   * is the simpler way to change one.
   */
  properties[PROP_LEVEL_BUDGETS] =
    g_param_spec_variant ("level-budgets", NULL, NULL,
                          G_VARIANT_TYPE ("ax"), NULL,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:auto-advance:
   *
   * Whether to move on to the next question when its time is up.
   */
  properties[PROP_AUTO_ADVANCE] =
    g_param_spec_boolean ("auto-advance", NULL, NULL,
                          DEFAULT_AUTO_ADVANCE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetup:seed:
   *
   * The seed of the random order; 0 picks a new one at each selection.
   */
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_mock_setup_init (VivaMockSetup *self)
{
  self->chosen = g_new0 (char *, 1);
  self->n_questions = VIVA_MOCK_SETUP_DEFAULT_QUESTIONS;
  self->random_order = DEFAULT_RANDOM_ORDER;
  self->skip_confident = DEFAULT_SKIP_CONFIDENT;
  self->auto_advance = DEFAULT_AUTO_ADVANCE;
  self->budget_mode = VIVA_MOCK_BUDGET_PER_LEVEL;
  self->total_budget = VIVA_MOCK_TOTAL_BUDGET_DEFAULT;

  for (guint i = 0; i < VIVA_MOCK_SETUP_N_LEVEL_BUDGETS; i++)
    self->level_budgets[i] = default_level_budget (i);
}

/**
 * viva_mock_setup_new:
 *
 * Returns: (transfer full): a setup with the defaults: 10 questions from
 *   the whole bank in random order, the default budget of each level
 */
VivaMockSetup *
viva_mock_setup_new (void)
{
  return g_object_new (VIVA_TYPE_MOCK_SETUP, NULL);
}

/* Choice of levels and topics */

const char * const *
viva_mock_setup_get_chosen (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), NULL);

  return (const char * const *) self->chosen;
}

void
viva_mock_setup_set_chosen (VivaMockSetup      *self,
                            const char * const *chosen)
{
  g_auto(GStrv) normalized = NULL;

  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  normalized = normalize_keys (chosen);

  if (g_strv_equal ((const char * const *) normalized, (const char * const *) self->chosen))
    return;

  g_strfreev (self->chosen);
  self->chosen = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOSEN]);
}

static gboolean
viva_mock_setup_has_key (VivaMockSetup *self,
                         const char    *key)
{
  return g_strv_contains ((const char * const *) self->chosen, key);
}

static void
viva_mock_setup_set_key (VivaMockSetup *self,
                         const char    *key,
                         gboolean       chosen)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) keys = NULL;

  if (!!chosen == viva_mock_setup_has_key (self, key))
    return;

  builder = g_strv_builder_new ();

  for (guint i = 0; self->chosen[i] != NULL; i++)
    {
      if (strcmp (self->chosen[i], key) != 0)
        g_strv_builder_add (builder, self->chosen[i]);
    }

  if (chosen)
    g_strv_builder_add (builder, key);

  keys = g_strv_builder_end (builder);
  viva_mock_setup_set_chosen (self, (const char * const *) keys);
}

gboolean
viva_mock_setup_get_level_chosen (VivaMockSetup *self,
                                  guint          level_number)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), FALSE);

  key = viva_mock_setup_dup_level_key (level_number);

  return viva_mock_setup_has_key (self, key);
}

void
viva_mock_setup_set_level_chosen (VivaMockSetup *self,
                                  guint          level_number,
                                  gboolean       chosen)
{
  g_autofree char *key = NULL;

  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));
  g_return_if_fail (level_number > 0);

  key = viva_mock_setup_dup_level_key (level_number);
  viva_mock_setup_set_key (self, key, chosen);
}

gboolean
viva_mock_setup_get_topic_chosen (VivaMockSetup *self,
                                  guint          level_number,
                                  const char    *topic_name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), FALSE);
  g_return_val_if_fail (topic_name != NULL, FALSE);

  key = viva_mock_setup_dup_topic_key (level_number, topic_name);

  return viva_mock_setup_has_key (self, key);
}

void
viva_mock_setup_set_topic_chosen (VivaMockSetup *self,
                                  guint          level_number,
                                  const char    *topic_name,
                                  gboolean       chosen)
{
  g_autofree char *key = NULL;

  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));
  g_return_if_fail (level_number > 0);
  g_return_if_fail (topic_name != NULL && topic_name[0] != '\0');

  key = viva_mock_setup_dup_topic_key (level_number, topic_name);
  viva_mock_setup_set_key (self, key, chosen);
}

/* Plain properties */

guint
viva_mock_setup_get_n_questions (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), VIVA_MOCK_SETUP_DEFAULT_QUESTIONS);

  return self->n_questions;
}

/* Clamped to 1..50 rather than refused: a spin button at its limit is
 * not an error. */
void
viva_mock_setup_set_n_questions (VivaMockSetup *self,
                                 guint          n_questions)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  n_questions = CLAMP (n_questions, VIVA_MOCK_SETUP_MIN_QUESTIONS, VIVA_MOCK_SETUP_MAX_QUESTIONS);

  if (self->n_questions == n_questions)
    return;

  self->n_questions = n_questions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
}

gboolean
viva_mock_setup_get_random_order (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), DEFAULT_RANDOM_ORDER);

  return self->random_order;
}

void
viva_mock_setup_set_random_order (VivaMockSetup *self,
                                  gboolean       random_order)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  random_order = !!random_order;

  if (self->random_order == random_order)
    return;

  self->random_order = random_order;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANDOM_ORDER]);
}

gboolean
viva_mock_setup_get_skip_confident (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), DEFAULT_SKIP_CONFIDENT);

  return self->skip_confident;
}

void
viva_mock_setup_set_skip_confident (VivaMockSetup *self,
                                    gboolean       skip_confident)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  skip_confident = !!skip_confident;

  if (self->skip_confident == skip_confident)
    return;

  self->skip_confident = skip_confident;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIP_CONFIDENT]);
}

VivaMockBudgetMode
viva_mock_setup_get_budget_mode (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), VIVA_MOCK_BUDGET_PER_LEVEL);

  return self->budget_mode;
}

void
viva_mock_setup_set_budget_mode (VivaMockSetup      *self,
                                 VivaMockBudgetMode  mode)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));
  g_return_if_fail (mode == VIVA_MOCK_BUDGET_PER_LEVEL || mode == VIVA_MOCK_BUDGET_TOTAL);

  if (self->budget_mode == mode)
    return;

  self->budget_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET_MODE]);
}

gint64
viva_mock_setup_get_total_budget (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), VIVA_MOCK_TOTAL_BUDGET_DEFAULT);

  return self->total_budget;
}

void
viva_mock_setup_set_total_budget (VivaMockSetup *self,
                                  gint64         usec)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  usec = CLAMP (usec, VIVA_MOCK_BUDGET_MIN, VIVA_MOCK_TOTAL_BUDGET_MAX);

  if (self->total_budget == usec)
    return;

  self->total_budget = usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_BUDGET]);
}

/**
 * viva_mock_setup_get_level_budget:
 * @self: a #VivaMockSetup
 * @level_number: 1 to 6
 *
 * Returns: the budget of a question of that level, in microseconds
 */
gint64
viva_mock_setup_get_level_budget (VivaMockSetup *self,
                                  guint          level_number)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), 0);
  g_return_val_if_fail (level_number >= 1 && level_number <= VIVA_MOCK_SETUP_N_LEVEL_BUDGETS, 0);

  return self->level_budgets[level_number - 1];
}

/**
 * viva_mock_setup_set_level_budget:
 * @self: a #VivaMockSetup
 * @level_number: 1 to 6
 * @usec: the budget, clamped to 1 to 120 minutes as in Preferences
 */
void
viva_mock_setup_set_level_budget (VivaMockSetup *self,
                                  guint          level_number,
                                  gint64         usec)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));
  g_return_if_fail (level_number >= 1 && level_number <= VIVA_MOCK_SETUP_N_LEVEL_BUDGETS);

  usec = CLAMP (usec, VIVA_MOCK_BUDGET_MIN, VIVA_MOCK_LEVEL_BUDGET_MAX);

  if (self->level_budgets[level_number - 1] == usec)
    return;

  self->level_budgets[level_number - 1] = usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_BUDGETS]);
}

/**
 * viva_mock_setup_get_budget_for_level:
 * @self: a #VivaMockSetup
 * @level_number: any level's number
 *
 * The per-question budget of a level. Banks may have more levels than
 * the six that Preferences know: those take level 6's budget (level 0,
 * which no bank has, level 1's).
 *
 * Returns: microseconds
 */
gint64
viva_mock_setup_get_budget_for_level (VivaMockSetup *self,
                                      guint          level_number)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), 0);

  level_number = CLAMP (level_number, 1, VIVA_MOCK_SETUP_N_LEVEL_BUDGETS);

  return self->level_budgets[level_number - 1];
}

gboolean
viva_mock_setup_get_auto_advance (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), DEFAULT_AUTO_ADVANCE);

  return self->auto_advance;
}

void
viva_mock_setup_set_auto_advance (VivaMockSetup *self,
                                  gboolean       auto_advance)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  auto_advance = !!auto_advance;

  if (self->auto_advance == auto_advance)
    return;

  self->auto_advance = auto_advance;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_ADVANCE]);
}

guint64
viva_mock_setup_get_seed (VivaMockSetup *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), 0);

  return self->seed;
}

void
viva_mock_setup_set_seed (VivaMockSetup *self,
                          guint64        seed)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP (self));

  if (self->seed == seed)
    return;

  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

/* Remembering */

/**
 * viva_mock_setup_to_variant:
 * @self: a #VivaMockSetup
 *
 * The setup as GSettings' "mock-last-setup" holds it (a{sv}). Leaves out
 * the seed and the per-level budgets; see the top of this file.
 *
 * Returns: (transfer full): a non-floating variant
 */
GVariant *
viva_mock_setup_to_variant (VivaMockSetup *self)
{
  g_autoptr(GVariantDict) dict = NULL;
  GEnumClass *enum_class;
  GEnumValue *mode;

  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), NULL);

  enum_class = g_type_class_ref (VIVA_TYPE_MOCK_BUDGET_MODE);
  mode = g_enum_get_value (enum_class, self->budget_mode);

  dict = g_variant_dict_new (NULL);
  g_variant_dict_insert_value (dict, KEY_CHOSEN,
                               g_variant_new_strv ((const char * const *) self->chosen, -1));
  g_variant_dict_insert (dict, KEY_N_QUESTIONS, "u", self->n_questions);
  g_variant_dict_insert (dict, KEY_RANDOM_ORDER, "b", (gboolean) self->random_order);
  g_variant_dict_insert (dict, KEY_SKIP_CONFIDENT, "b", (gboolean) self->skip_confident);
  g_variant_dict_insert (dict, KEY_BUDGET_MODE, "s", mode->value_nick);
  g_variant_dict_insert (dict, KEY_TOTAL_BUDGET, "x", self->total_budget);
  g_variant_dict_insert (dict, KEY_AUTO_ADVANCE, "b", (gboolean) self->auto_advance);

  g_type_class_unref (enum_class);

  return g_variant_ref_sink (g_variant_dict_end (dict));
}

/**
 * viva_mock_setup_new_from_variant:
 * @variant: (nullable): what viva_mock_setup_to_variant() gave, or
 *   anything else
 *
 * Reads a remembered setup as untrusted input (dconf can be edited by
 * hand): anything that is not as viva_mock_setup_to_variant() writes it
 * is replaced by its default, key by key; a value that is not a{sv} at
 * all gives the defaults.
 *
 * Returns: (transfer full): a setup, never %NULL
 */
VivaMockSetup *
viva_mock_setup_new_from_variant (GVariant *variant)
{
  g_autoptr(VivaMockSetup) self = viva_mock_setup_new ();
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GVariant) chosen = NULL;
  const char *mode_nick = NULL;
  gint64 total_budget;
  guint n_questions;
  gboolean flag;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    return g_steal_pointer (&self);

  dict = g_variant_dict_new (variant);

  chosen = g_variant_dict_lookup_value (dict, KEY_CHOSEN, G_VARIANT_TYPE_STRING_ARRAY);
  if (chosen != NULL)
    {
      g_autofree const char **keys = g_variant_get_strv (chosen, NULL);

      viva_mock_setup_set_chosen (self, keys);
    }

  /* Out of range is not clamped here: a value we never wrote says the
   * whole key is not ours. */
  if (g_variant_dict_lookup (dict, KEY_N_QUESTIONS, "u", &n_questions) &&
      n_questions >= VIVA_MOCK_SETUP_MIN_QUESTIONS &&
      n_questions <= VIVA_MOCK_SETUP_MAX_QUESTIONS)
    viva_mock_setup_set_n_questions (self, n_questions);

  if (g_variant_dict_lookup (dict, KEY_RANDOM_ORDER, "b", &flag))
    viva_mock_setup_set_random_order (self, flag);

  if (g_variant_dict_lookup (dict, KEY_SKIP_CONFIDENT, "b", &flag))
    viva_mock_setup_set_skip_confident (self, flag);

  if (g_variant_dict_lookup (dict, KEY_BUDGET_MODE, "&s", &mode_nick))
    {
      GEnumClass *enum_class = g_type_class_ref (VIVA_TYPE_MOCK_BUDGET_MODE);
      GEnumValue *mode = g_enum_get_value_by_nick (enum_class, mode_nick);

      if (mode != NULL)
        viva_mock_setup_set_budget_mode (self, mode->value);

      g_type_class_unref (enum_class);
    }

  if (g_variant_dict_lookup (dict, KEY_TOTAL_BUDGET, "x", &total_budget) &&
      total_budget >= VIVA_MOCK_BUDGET_MIN &&
      total_budget <= VIVA_MOCK_TOTAL_BUDGET_MAX)
    viva_mock_setup_set_total_budget (self, total_budget);

  if (g_variant_dict_lookup (dict, KEY_AUTO_ADVANCE, "b", &flag))
    viva_mock_setup_set_auto_advance (self, flag);

  return g_steal_pointer (&self);
}
