/* viva-interview-live-page-own.c
 *
 * "Save to My Questions" on the live page: a question the interviewer
 * asked of their own ("Ask Your Own", numbered 0 in the interview) goes
 * to My Questions in one click, under the level "Asked in Interviews"
 * (decision 4.6), so that it can be studied and asked again. The
 * interview keeps it as its own question: its number there belongs to
 * the interview's bank, not to My Questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview-live-page-private.h"
#include "viva-owned-banks.h"
#include "viva-toast.h"

static gboolean
is_own (VivaInterviewItem *item)
{
  return item != NULL && viva_interview_item_get_number (item) == 0;
}

/**
 * _viva_interview_live_page_update_own:
 * @item: (nullable): the question shown
 *
 * The button shows on the interviewer's own questions only, and says
 * where a saved one went.
 */
void
_viva_interview_live_page_update_own (VivaInterviewLivePage *self,
                                      VivaInterviewItem     *item)
{
  gpointer number = NULL;

  if (self->saved_own == NULL)
    self->saved_own = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->save_own_button), is_own (item) && self->context != NULL);

  if (is_own (item) && g_hash_table_lookup_extended (self->saved_own, item, NULL, &number))
    {
      /* Translators: %u is the question's number in My Questions. */
      g_autofree char *label = g_strdup_printf (_("Saved as question %u in My Questions"),
                                                GPOINTER_TO_UINT (number));

      gtk_button_set_label (self->save_own_button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_own_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.save-own-question", FALSE);
    }
  else
    {
      gtk_button_set_label (self->save_own_button, _("Save to _My Questions"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_own_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save to My Questions"), -1);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.save-own-question", is_own (item));
    }
}

typedef struct
{
  VivaInterviewLivePage *page;
  VivaInterviewItem     *item;
} SaveOwn;

static void
save_own_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveOwn *save = user_data;
  VivaInterviewLivePage *self = save->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  guint number = 0;

  bank = viva_owned_banks_add_question_finish (VIVA_OWNED_BANKS (object), result, &number, &error);

  if (bank == NULL)
    {
      AdwToastOverlay *overlay = (AdwToastOverlay *) gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                                             ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL && error != NULL)
        adw_toast_overlay_add_toast (overlay, viva_toast_new_plain (error->message));
    }
  else if (self->saved_own != NULL)
    g_hash_table_insert (self->saved_own, g_object_ref (save->item), GUINT_TO_POINTER (number));

  _viva_interview_live_page_update_own (self, _viva_interview_live_page_get_shown_item (self));

  g_object_unref (save->item);
  g_object_unref (save->page);
  g_free (save);
}

static void
save_own_question_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  VivaInterviewLivePage *self = VIVA_INTERVIEW_LIVE_PAGE (widget);
  VivaInterviewItem *item = _viva_interview_live_page_get_shown_item (self);
  VivaQuestionDraft draft = { 0 };
  SaveOwn *save;

  if (!is_own (item) || self->context == NULL)
    return;

  /* Once: the button waits, disabled, for the file to be written. */
  gtk_widget_action_set_enabled (widget, "live.save-own-question", FALSE);

  draft.level_name = g_strdup (_("Asked in Interviews"));
  draft.text = g_strdup (viva_interview_item_get_text (item));

  save = g_new0 (SaveOwn, 1);
  save->page = g_object_ref (self);
  save->item = g_object_ref (item);
  viva_owned_banks_add_question_async (viva_context_get_owned_banks (self->context), NULL, &draft,
                                       NULL, save_own_cb, save);
  viva_question_draft_clear (&draft);
}

void
_viva_interview_live_page_class_own_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "live.save-own-question", NULL, save_own_question_action);
}
