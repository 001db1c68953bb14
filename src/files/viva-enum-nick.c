/* viva-enum-nick.c
 *
 * The nicks are the on-disk words (notes.json, the sessions, the
 * interviews): a nick, once written by a Viva, can never change, and
 * is never translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-enum-nick.h"

/**
 * viva_enum_to_nick:
 * @enum_type: a registered enum type
 * @value: one of its values
 *
 * Returns: (nullable): the nick of @value, or %NULL when @value is not
 *   a value of @enum_type
 */
const char *
viva_enum_to_nick (GType enum_type,
                   int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  /* A static type's class, once made, is never freed (GLib keeps it
   * alive when its reference count drops to zero, as the documentation
   * of GClassFinalizeFunc says): the nick outlives this reference. */
  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/**
 * viva_enum_from_nick:
 * @enum_type: a registered enum type
 * @nick: (nullable): a word from a file
 * @value: (out): the value whose nick is @nick; left alone on failure
 *
 * Only nicks are words of the files: the values' C names, which
 * GEnumClass also knows, are refused like any other unknown word.
 *
 * Returns: whether @nick is the nick of a value of @enum_type
 */
gboolean
viva_enum_from_nick (GType       enum_type,
                     const char *nick,
                     int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;
  return TRUE;
}
