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
  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (str, status_names[i]) == 0)
        {
          *status = (VivaStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}
