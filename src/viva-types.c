/* viva-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-types.h"

/* These strings are the on-disk form (notes.json); never translate them. */
static const char * const status_names[] = {
  [VIVA_STATUS_NEW] = "new",
  [VIVA_STATUS_LEARNING] = "learning",
  [VIVA_STATUS_CONFIDENT] = "confident",
};

/**
 * viva_name_lookup:
 * @names: a table of on-disk names, indexed by enum value
 * @str: (nullable): the name to look up
 * @index: (out): the enum value of @str
 *
 * The one loop behind every enum's _from_string(): notes, mock sessions
 * and interviews all store their enums by name.
 *
 * Returns: %TRUE if @str is in @names
 */
gboolean
viva_name_lookup (const char * const *names,
                  guint               n_names,
                  const char         *str,
                  guint              *index)
{
  g_return_val_if_fail (index != NULL, FALSE);

  for (guint i = 0; str != NULL && i < n_names; i++)
    {
      if (names[i] != NULL && g_strcmp0 (str, names[i]) == 0)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
viva_status_to_string (VivaStatus status)
{
  g_return_val_if_fail (status <= VIVA_STATUS_CONFIDENT, "new");

  return status_names[status];
}

gboolean
viva_status_from_string (const char *str,
                         VivaStatus *status)
{
  guint index;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!viva_name_lookup (status_names, G_N_ELEMENTS (status_names), str, &index))
    return FALSE;

  *status = (VivaStatus) index;
  return TRUE;
}

/**
 * viva_format_duration:
 * @usec: a duration in microseconds
 *
 * Formats whole seconds as "3:12", or "1:02:03" from an hour on.
 * Negative durations are shown as 0:00.
 *
 * Returns: (transfer full): the text
 */
char *
viva_format_duration (gint64 usec)
{
  gint64 seconds = MAX (usec, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d",
                            (int) (seconds / 3600),
                            (int) (seconds / 60 % 60),
                            (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}
