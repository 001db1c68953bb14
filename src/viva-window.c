/* viva-window.c
 *
 * The main window: the sidebar tree in an AdwFlap (it folds on narrow
 * windows) and the question view. The window follows one bank and one
 * question at a time and keeps the questions' study marks in step with
 * the notes store. Its other modes (review, progress, mock interviews,
 * interviews) are in viva-window-modes.c, its actions in
 * viva-window-actions.c, and the in-window messages about the user's
 * notes file in viva-window-banner.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-application.h"
#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-message-dialog.h"
#include "viva-mock-session.h"
#include "viva-mock-view.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-related.h"
#include "viva-sidebar.h"
#include "viva-session-store.h"
#include "viva-window-private.h"

G_DEFINE_FINAL_TYPE (VivaWindow, viva_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_viva_window_update_title (VivaWindow *self)
{
  const char *bank_title = self->bank ? viva_bank_get_title (self->bank) : NULL;
  g_autofree char *title = NULL;

  if (self->question != NULL)
    /* Translators: the window title while a question is open. */
    title = g_strdup_printf (_("Question %u"), viva_question_get_number (self->question));

  /* The sidebar names the bank, the content the question; the question
   * view itself shows its level and topic. */
  adw_window_title_set_title (self->sidebar_title, bank_title ? bank_title : _("Viva"));
  adw_window_title_set_title (self->content_title, title ? title : _("Viva"));
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Viva"));
}

VivaQuestion *
viva_window_get_question (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->question;
}

static void viva_window_update_related (VivaWindow *self);

static void
viva_window_index_related_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(VivaWindow) self = user_data;
  VivaBank *bank = VIVA_BANK (object);

  self->indexing_related = FALSE;

  /* Cancelled: the window is closing. */
  if (!viva_bank_index_related_finish (bank, result, NULL))
    return;

  viva_window_update_related (self);
}

/* The "See Also" links. Indexing a bank of 100,000 questions takes about
 * a tenth of a second, so the first question of a bank may show its
 * links a moment after its text, rather than stall the main loop. */
static void
viva_window_update_related (VivaWindow *self)
{
  g_autoptr(GPtrArray) related = NULL;

  if (self->question == NULL || self->bank == NULL)
    return;

  if (!viva_bank_has_related_index (self->bank))
    {
      if (!self->indexing_related)
        {
          self->indexing_related = TRUE;
          viva_bank_index_related_async (self->bank, self->cancellable,
                                         viva_window_index_related_cb,
                                         g_object_ref (self));
        }
      return;
    }

  related = viva_bank_find_related (self->bank, self->question, VIVA_RELATED_DEFAULT_MAX);
  viva_question_view_set_related (self->question_view, related);
}

void
viva_window_show_question (VivaWindow   *self,
                           VivaQuestion *question)
{
  VivaNote *note = NULL;

  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (!question || VIVA_IS_QUESTION (question));

  if (self->question == question)
    return;

  /* Leaving a question is a natural point to persist what was typed: do
   * not wait for the autosave delay. */
  if (viva_notes_store_get_dirty (self->store) && !viva_notes_store_get_saving (self->store))
    viva_notes_store_save_async (self->store, NULL, NULL, NULL);

  g_set_object (&self->question, question);

  if (question != NULL)
    note = viva_notes_store_get_note (self->store,
                                      viva_bank_get_id (self->bank),
                                      viva_question_get_number (question));

  viva_question_view_set_question (self->question_view, question, note);
  /* At start-up, once the window shows (viva_window_after_first_frame_cb). */
  if (!self->before_first_frame)
    {
      viva_window_update_related (self);
      viva_sidebar_select_question (self->sidebar, question);
    }
  gtk_stack_set_visible_child_name (self->stack,
                                    question != NULL ? "question" :
                                    self->loading ? "loading" : "empty");

  g_settings_set_uint (self->settings, "last-question",
                       question ? viva_question_get_number (question) : 0);

  /* On a narrow window the sidebar covers the question: get it out of the
   * way once a question is chosen. */
  if (question != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  _viva_window_update_title (self);
  _viva_window_update_actions (self);
}

/* What the first frame need not wait for (issue 15): selecting the
 * reopened question in the sidebar expands its topic and makes its rows
 * (177 M instructions at 100,000 questions), and indexing the bank for
 * "See Also" takes the second core (743 M at 100,000). The question
 * itself, with its note, is in the first frame; its row is selected one
 * frame later, and its links follow the index as they always did. */
static gboolean
viva_window_after_first_frame_cb (gpointer data)
{
  VivaWindow *self = data;

  self->after_first_frame_source = 0;
  self->before_first_frame = FALSE;
  viva_sidebar_select_question (self->sidebar, self->question);
  _viva_window_library_bank_changed (self);
  viva_window_update_related (self);

  return G_SOURCE_REMOVE;
}

static void
viva_window_first_paint_cb (VivaWindow    *self,
                            GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, viva_window_first_paint_cb, self);

  /* Out of the frame clock's paint: this is not part of the frame. */
  if (self->after_first_frame_source == 0)
    self->after_first_frame_source = g_idle_add (viva_window_after_first_frame_cb, self);
}

static void
viva_window_realize (GtkWidget *widget)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  GTK_WIDGET_CLASS (viva_window_parent_class)->realize (widget);

  if (self->before_first_frame)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (viva_window_first_paint_cb), self, G_CONNECT_SWAPPED);
}

/* A window is unrealized when it is destroyed, which is not when it is
 * disposed: the reads under way (a bank opening, the last session's
 * bank) hold it until they come back. Their results must not reach a
 * closed window nor the context it leaves behind. */
static void
viva_window_unrealize (GtkWidget *widget)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
  if (self->restore_cancellable != NULL)
    g_cancellable_cancel (self->restore_cancellable);

  GTK_WIDGET_CLASS (viva_window_parent_class)->unrealize (widget);
}

static void
sidebar_question_activated_cb (VivaWindow   *self,
                               VivaQuestion *question,
                               VivaSidebar  *sidebar)
{
  viva_window_show_question (self, question);
}

VivaBank *
viva_window_get_bank (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->bank;
}

/**
 * viva_window_set_bank:
 *
 * Opens @bank: the context's bank, which every page follows.
 */
void
viva_window_set_bank (VivaWindow *self,
                      VivaBank   *bank)
{
  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (VIVA_IS_BANK (bank));

  viva_context_set_bank (self->context, bank);
}

/* While a bank is read in a worker and the window has none to show:
 * the content says which file it waits for, the sidebar that its
 * questions are coming. Searching works already (the sidebar applies
 * its search to the bank when it comes); the actions that need a bank
 * are disabled until then, as they are without one. */
void
_viva_window_show_loading (VivaWindow *self,
                           GFile      *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  /* Translators: %s is the file name of a question bank. */
  title = g_strdup_printf (_("Opening “%s”…"), name);
  adw_status_page_set_title (self->loading_page, title);
  /* Translators: under the sidebar's title while the questions load. */
  adw_window_title_set_subtitle (self->sidebar_title, _("Loading questions…"));
  gtk_spinner_start (self->loading_spinner);
  self->loading = TRUE;
  if (self->question == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
_viva_window_hide_loading (VivaWindow *self)
{
  if (!self->loading)
    return;

  self->loading = FALSE;
  gtk_spinner_stop (self->loading_spinner);
  adw_window_title_set_subtitle (self->sidebar_title, NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_name (self->stack, self->question != NULL ? "question" : "empty");
}

/* The user chose another bank while the last session's was still being
 * read: theirs wins. The read is cancelled, and its result, however
 * late, is dropped (viva_window_restore_bank_cb). Returns whether there
 * was a read to cancel. */
gboolean
_viva_window_cancel_restore (VivaWindow *self)
{
  if (self->restore_cancellable == NULL || g_cancellable_is_cancelled (self->restore_cancellable))
    return FALSE;

  g_cancellable_cancel (self->restore_cancellable);
  _viva_window_hide_loading (self);

  return TRUE;
}

/* Whether the last session's bank is being read: from
 * viva_window_restore_session() until the read's result is back, used or
 * dropped. */
gboolean
_viva_window_is_restoring (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), FALSE);

  return self->restore_cancellable != NULL;
}

static void
viva_window_bank_changed_cb (VivaWindow  *self,
                             GParamSpec  *pspec,
                             VivaContext *context)
{
  VivaBank *bank = viva_context_get_bank (context);
  GFile *file;

  if (bank == NULL || self->bank == bank)
    return;

  /* Another bank opened (Open, the bundled bank) while the last
   * session's was still being read: the user's choice wins. */
  _viva_window_cancel_restore (self);
  _viva_window_hide_loading (self);

  viva_window_show_question (self, NULL);
  g_set_object (&self->bank, bank);

  /* Another bank's questions cannot go on in Review: start on this one's. */
  if (self->review_view != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "review") == 0)
    viva_review_view_start (self->review_view);

  file = viva_bank_get_file (bank);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      g_settings_set_string (self->settings, "last-bank", path ? path : "");
    }
  else
    g_settings_set_string (self->settings, "last-bank", "");

  _viva_window_library_bank_changed (self);

  /* Notes kept twice are named by question in this bank, by bank in
   * others. */
  if (self->conflicts->len > 0)
    _viva_window_update_banner (self);

  _viva_window_update_title (self);
  _viva_window_update_actions (self);

  /* Asked for while there was no bank yet (viva_window_offer_resume). */
  if (self->resume_offer_pending)
    {
      self->resume_offer_pending = FALSE;
      viva_window_offer_resume (self);
    }
}

int
_viva_window_get_sidebar_width (VivaWindow *self)
{
  int width;

  gtk_widget_get_size_request (GTK_WIDGET (self->sidebar_box), &width, NULL);

  return width;
}

/* Sets the sidebar's width within its bounds and remembers it, as the
 * end of a drag of its edge does; the keyboard's way to resize it. */
void
_viva_window_set_sidebar_width (VivaWindow *self,
                                int         width)
{
  width = CLAMP (width, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);

  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar_box), width, -1);
  g_settings_set_int (self->settings, "sidebar-width", width);
  _viva_window_update_actions (self);
}

static void
viva_window_sidebar_drag_begin_cb (VivaWindow     *self,
                                   double          x,
                                   double          y,
                                   GtkGestureDrag *gesture)
{
  self->drag_start_width = gtk_widget_get_width (GTK_WIDGET (self->sidebar_box));
}

static int
viva_window_sidebar_drag_width (VivaWindow *self,
                                double      offset_x)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    offset_x = -offset_x;

  return CLAMP (self->drag_start_width + (int) offset_x, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);
}

static void
viva_window_sidebar_drag_update_cb (VivaWindow     *self,
                                    double          offset_x,
                                    double          offset_y,
                                    GtkGestureDrag *gesture)
{
  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar_box),
                               viva_window_sidebar_drag_width (self, offset_x), -1);
}

static void
viva_window_sidebar_drag_end_cb (VivaWindow     *self,
                                 double          offset_x,
                                 double          offset_y,
                                 GtkGestureDrag *gesture)
{
  _viva_window_set_sidebar_width (self, viva_window_sidebar_drag_width (self, offset_x));
}

static gboolean
viva_window_save_notes_before_close (VivaWindow  *self,
                                     GError     **error)
{
  g_autoptr(GError) session_error = NULL;

  /* A running interview comes back paused, where it stopped. */
  if (self->mock_view != NULL && viva_mock_view_get_running (self->mock_view))
    g_object_set (self->mock_view, "paused", TRUE, NULL);
  if (self->sessions != NULL && !viva_session_store_flush (self->sessions, &session_error))
    {
      g_propagate_error (error, g_steal_pointer (&session_error));
      return FALSE;
    }

  if (!viva_notes_store_get_dirty (self->store) || viva_notes_store_get_read_only (self->store))
    return TRUE;

  return viva_notes_store_flush (self->store, error);
}

static void
viva_window_close_dialog_response_cb (VivaWindow       *self,
                                      const char       *response,
                                      AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "retry") == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
viva_window_close_request (GtkWindow *window)
{
  VivaWindow *self = VIVA_WINDOW (window);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  if (self->close_confirmed || viva_window_save_notes_before_close (self, &error))
    return GTK_WINDOW_CLASS (viva_window_parent_class)->close_request (window);

  /* Never let the window take unsaved notes with it silently. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Notes Not Saved"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Viva could not save your notes: %s\n\nIf you close now, changes since the last save are lost."),
                                  error->message);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Open"),
                                    "retry", _("_Try Again"),
                                    "discard", _("Close _Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (viva_window_close_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);

  return TRUE;
}

/* Once ever, when the notes first hold enough reviews to fit FSRS: say
 * so, with a way to Preferences → Review → Optimize. It stays until
 * dismissed, as it does not come back. */
static void
viva_window_fsrs_offer_cb (VivaWindow    *self,
                           VivaFsrsOffer *offer)
{
  AdwToast *toast = adw_toast_new (_("You can now fit FSRS to your reviews"));

  adw_toast_set_button_label (toast, _("Optimize…"));
  adw_toast_set_action_name (toast, "app.optimize-fsrs");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
viva_window_constructed (GObject *object)
{
  VivaWindow *self = (VivaWindow *)object;

  G_OBJECT_CLASS (viva_window_parent_class)->constructed (object);

  g_assert (VIVA_IS_CONTEXT (self->context));

  self->store = g_object_ref (viva_context_get_notes_store (self->context));
  g_assert (VIVA_IS_NOTES_STORE (self->store));
  self->fsrs_offer = viva_fsrs_offer_new (self->store, viva_context_get_settings (self->context), NULL);
  g_signal_connect_object (self->fsrs_offer, "offer",
                           G_CALLBACK (viva_window_fsrs_offer_cb),
                           self, G_CONNECT_SWAPPED);
  /* After the pages, which follow the bank themselves, so that Review
   * starts over on the new bank's questions. */
  g_signal_connect_object (self->context, "notify::bank",
                           G_CALLBACK (viva_window_bank_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_object_set (self->review_button, "context", self->context, NULL);
  _viva_window_adopt_stores (self);
  _viva_window_library_init (self);

  /* The study view's halves follow the context, as the pages do. */
  g_object_bind_property (self->context, "notes-store",
                          self->question_view, "notes-store",
                          G_BINDING_SYNC_CREATE);
  g_object_set (self->sidebar, "context", self->context, NULL);
  viva_scratchpad_set_context (viva_question_view_get_scratchpad (self->question_view),
                               self->context);
  /* What the sidebar searches for shows highlighted in the question. */
  g_object_bind_property (self->sidebar, "query",
                          self->question_view, "highlight-query",
                          G_BINDING_SYNC_CREATE);

  _viva_window_follow_notes_file (self);

  if (viva_context_get_bank (self->context) != NULL)
    viva_window_bank_changed_cb (self, NULL, self->context);

  _viva_window_update_banner (self);
  _viva_window_update_actions (self);
}

static void
viva_window_dispose (GObject *object)
{
  VivaWindow *self = (VivaWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->restore_cancellable != NULL)
    g_cancellable_cancel (self->restore_cancellable);
  g_clear_handle_id (&self->after_first_frame_source, g_source_remove);
  _viva_window_library_dispose (self);

  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_weak_pointer (&self->help_overlay);
  /* The stack changes page as it goes, and the sessions may outlive the
   * window: neither should reach the widgets going away. */
  if (self->mode_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->mode_stack, self);
  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (viva_session_store_get_sessions (self->sessions), self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_WINDOW);

  g_clear_object (&self->question);
  g_clear_object (&self->bank);
  g_clear_object (&self->sessions);
  g_clear_object (&self->interviews);
  g_clear_object (&self->fsrs_offer);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->restore_cancellable);
  g_clear_object (&self->load_problem_file);
  if (self->conflicts != NULL)
    g_ptr_array_set_size (self->conflicts, 0);

  G_OBJECT_CLASS (viva_window_parent_class)->dispose (object);
}

static void
viva_window_finalize (GObject *object)
{
  VivaWindow *self = (VivaWindow *)object;

  g_clear_pointer (&self->load_problem, g_free);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_window_parent_class)->finalize (object);
}

static void
viva_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VivaWindow *self = VIVA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SIDEBAR_VISIBLE:
      /* The action muxer may ask before the template is built. */
      g_value_set_boolean (value, self->flap == NULL || adw_flap_get_reveal_flap (self->flap));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VivaWindow *self = VIVA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SIDEBAR_VISIBLE:
      if (self->flap != NULL)
        adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_window_class_init (VivaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = viva_window_constructed;
  object_class->dispose = viva_window_dispose;
  object_class->finalize = viva_window_finalize;
  object_class->get_property = viva_window_get_property;
  object_class->set_property = viva_window_set_property;

  window_class->close_request = viva_window_close_request;
  widget_class->realize = viva_window_realize;
  widget_class->unrealize = viva_window_unrealize;

  /**
   * VivaWindow:context:
   *
   * The stores, the clock and the open bank, shared with every page.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _viva_window_class_actions_init (widget_class);

  g_type_ensure (VIVA_TYPE_SIDEBAR);
  g_type_ensure (VIVA_TYPE_QUESTION_VIEW);
  g_type_ensure (VIVA_TYPE_MOCK_VIEW);
  g_type_ensure (VIVA_TYPE_REVIEW_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, mock_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, mock_paused_badge);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, question_view);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_question_activated_cb);
  /* After the template: the banner binds its callbacks to it. */
  _viva_window_class_banner_init (widget_class);
  _viva_window_class_library_init (widget_class);
  _viva_window_class_export_init (widget_class);
  _viva_window_class_questions_init (widget_class);
  _viva_window_class_import_init (widget_class);
}

static void
viva_window_flap_reveal_cb (VivaWindow *self,
                            GParamSpec *pspec,
                            AdwFlap    *flap)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

/* The main menu's popover is built when it first opens (F10 too), as
 * the sidebar's filter menu. */
static void
viva_window_create_primary_menu_cb (GtkMenuButton *button,
                                    gpointer       user_data)
{
  VivaWindow *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    {
      _viva_window_update_recent_menu (self);
      gtk_menu_button_set_menu_model (button, self->primary_menu);
    }
}

static void
viva_window_init (VivaWindow *self)
{
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button,
                                         viva_window_create_primary_menu_cb,
                                         self, NULL);

  self->before_first_frame = TRUE;
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->conflicts = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (viva_window_flap_reveal_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_stack, "notify::visible-child-name",
                           G_CALLBACK (_viva_window_mode_changed),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar_box),
                               CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                      SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH),
                               -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (viva_window_sidebar_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (viva_window_sidebar_drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (viva_window_sidebar_drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_handle), GTK_EVENT_CONTROLLER (drag));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

VivaWindow *
viva_window_new (VivaApplication *app,
                 VivaContext     *context)
{
  g_return_val_if_fail (!app || VIVA_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (VIVA_IS_CONTEXT (context), NULL);

  return g_object_new (VIVA_TYPE_WINDOW,
                       "application", app,
                       "context", context,
                       NULL);
}

static void
viva_window_reopen_question (VivaWindow *self,
                             guint       number)
{
  VivaQuestion *question;

  if (self->bank == NULL || number == 0)
    return;

  question = viva_bank_lookup_question (self->bank, number);
  if (question != NULL)
    viva_window_show_question (self, question);
}

typedef struct
{
  VivaWindow   *window;
  GFile        *file;
  GCancellable *cancellable;
  guint         question;
} RestoreBank;

static void
restore_bank_free (RestoreBank *state)
{
  g_clear_object (&state->window);
  g_clear_object (&state->file);
  g_clear_object (&state->cancellable);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RestoreBank, restore_bank_free)

static void
viva_window_restore_bank_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(RestoreBank) state = user_data;
  VivaWindow *self = state->window;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;

  bank = viva_bank_load_file_finish (result, &error);

  if (self->restore_cancellable == state->cancellable)
    g_clear_object (&self->restore_cancellable);

  /* The window closed, or the user opened another bank meanwhile
   * (_viva_window_cancel_restore): nothing of this read may reach it.
   * A read cancelled before this callback always ends with this error,
   * even when the bank was parsed by then. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _viva_window_hide_loading (self);

  if (bank != NULL)
    viva_window_set_bank (self, bank);
  else
    {
      g_autofree char *name = g_file_get_basename (state->file);
      g_autofree char *message = NULL;

      /* Translators: %s is a file name, then the reason. */
      message = g_strdup_printf (_("Could not reopen “%s”: %s"), name, error->message);
      _viva_window_toast (self, message);
      _viva_window_open_bundled_bank (self);
    }

  viva_window_reopen_question (self, state->question);
}

/* Reopens the last session's bank: see viva_window_restore_session(). */
void
_viva_window_restore_bank (VivaWindow *self)
{
  g_autofree char *last_bank = g_settings_get_string (self->settings, "last-bank");
  guint last_question = g_settings_get_uint (self->settings, "last-question");
  RestoreBank *state;

  if (last_bank[0] == '\0')
    {
      if (self->bank != NULL || _viva_window_open_bundled_bank (self))
        viva_window_reopen_question (self, last_question);
      return;
    }

  _viva_window_cancel_restore (self);

  state = g_new0 (RestoreBank, 1);
  state->window = g_object_ref (self);
  state->file = g_file_new_for_path (last_bank);
  state->cancellable = g_cancellable_new ();
  state->question = last_question;
  g_set_object (&self->restore_cancellable, state->cancellable);

  if (self->bank == NULL)
    _viva_window_show_loading (self, state->file);

  viva_bank_load_file_async (state->file, state->cancellable,
                             viva_window_restore_bank_cb, state);
}

/**
 * viva_window_restore_session:
 *
 * Reopens the bank and the question that were open when Viva last closed.
 * A bank file that has gone or changed into something unreadable falls
 * back to the bundled bank, with a message.
 *
 * The bundled bank opens at once. A bank file of the user's is read in a
 * worker (100,000 questions take a few hundred milliseconds), so that the
 * window shows first: it says what it is opening, searching already
 * works (the search applies when the questions are in), and the actions
 * that need a bank wait for it. Opening another bank meanwhile cancels
 * the restore.
 */
void
viva_window_restore_session (VivaWindow *self)
{
  g_return_if_fail (VIVA_IS_WINDOW (self));

  _viva_window_restore_bank (self);
  _viva_window_reopen_interview (self);
}

VivaSidebar *
viva_window_get_sidebar (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->sidebar;
}

VivaQuestionView *
viva_window_get_question_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->question_view;
}
