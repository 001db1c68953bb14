/* viva-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-enums.h"
#include "viva-note-private.h"

struct _VivaNote
{
  GObject     parent_instance;

  char       *bank_id;
  char       *text;
  gint64      modified;
  guint       number;
  VivaStatus  status;
  guint       starred : 1;
};

G_DEFINE_FINAL_TYPE (VivaNote, viva_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BANK_ID,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_HAS_TEXT,
  PROP_STATUS,
  PROP_STARRED,
  PROP_MODIFIED,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_note_init (VivaNote *self)
{
  self->text = g_strdup ("");
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
         !self->starred;
}

void
_viva_note_load (VivaNote   *self,
                 const char *text,
                 VivaStatus  status,
                 gboolean    starred,
                 gint64      modified)
{
  g_return_if_fail (VIVA_IS_NOTE (self));

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

  g_object_thaw_notify (G_OBJECT (self));
}
