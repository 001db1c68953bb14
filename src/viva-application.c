/* viva-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-accessible.h"
#include "viva-application.h"
#include "viva-first-frame.h"
#include "viva-notes-store.h"
#include "viva-preferences-window.h"
#include "viva-interview-store.h"
#include "viva-session-store.h"
#include "viva-window.h"

struct _VivaApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  VivaNotesStore *notes_store;
  GError         *notes_load_error;
  VivaSessionStore *sessions;
  GPtrArray      *session_problems;
  VivaInterviewStore *interviews;
  GPtrArray      *interview_problems;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (VivaApplication, viva_application, ADW_TYPE_APPLICATION)

static VivaWindow *
viva_application_get_main_window (VivaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (VIVA_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static VivaWindow *
viva_application_ensure_window (VivaApplication *self)
{
  VivaWindow *window = viva_application_get_main_window (self);

  if (window == NULL)
    {
      window = viva_window_new (self, self->notes_store);
      viva_window_restore_session (window);
      viva_window_set_session_store (window, self->sessions, self->session_problems);
      viva_window_set_interview_store (window, self->interviews, self->interview_problems);

      viva_window_report_notes_state (window, self->notes_load_error);

      viva_first_frame_watch (GTK_WIDGET (window), G_CALLBACK (g_application_quit), self);
      viva_window_offer_resume (window);
    }

  return window;
}

static void
viva_application_activate (GApplication *app)
{
  VivaApplication *self = VIVA_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (viva_application_ensure_window (self)));
}

static void
viva_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  VivaApplication *self = VIVA_APPLICATION (app);
  VivaWindow *window = viva_application_ensure_window (self);

  /* One bank is open at a time: the last file named wins, as when a user
   * opens several files one after the other. */
  if (n_files > 0)
    viva_window_open_file (window, files[n_files - 1]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
viva_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  VivaApplication *self = VIVA_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autofree char *sessions_dir = NULL;
  g_autofree char *interviews_dir = NULL;

  G_APPLICATION_CLASS (viva_application_parent_class)->startup (app);

  /* Names as a screen reader should read them, despite GTK 4.8. */
  viva_accessible_init ();

  g_set_application_name (_("Viva"));
  gtk_window_set_default_icon_name (APP_ID);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (APP_ID);

  path = viva_notes_store_dup_default_path ();
  self->notes_store = viva_notes_store_new (path);

  /* A damaged or newer notes file never stops Viva from starting; the store
   * has already moved it aside or gone read-only, and the window tells the
   * user what happened. */
  if (!viva_notes_store_load (self->notes_store, &self->notes_load_error))
    g_warning ("Notes file %s: %s", path, self->notes_load_error->message);

  /* Past mock interviews; a damaged file is reported with the history and
   * never hides the others. */
  sessions_dir = viva_session_store_dup_default_dir ();
  self->sessions = viva_session_store_new (sessions_dir);
  viva_session_store_load (self->sessions, &self->session_problems);

  /* The interviewer's interviews, under the same rules. */
  interviews_dir = viva_interview_store_dup_default_dir ();
  self->interviews = viva_interview_store_new (interviews_dir);
  viva_interview_store_load (self->interviews, &self->interview_problems);
}

static void
viva_application_shutdown (GApplication *app)
{
  VivaApplication *self = VIVA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sessions_error = NULL;
  g_autoptr(GError) interviews_error = NULL;

  /* Windows flush on close; this catches quitting through other paths
   * (a signal from the session, app.quit with a dialog open). */
  if (self->notes_store != NULL &&
      viva_notes_store_get_dirty (self->notes_store) &&
      !viva_notes_store_flush (self->notes_store, &error))
    g_warning ("Could not save notes to %s: %s",
               viva_notes_store_get_path (self->notes_store),
               error->message);

  if (self->sessions != NULL && !viva_session_store_flush (self->sessions, &sessions_error))
    g_warning ("Could not save mock interviews: %s", sessions_error->message);
  if (self->interviews != NULL && !viva_interview_store_flush (self->interviews, &interviews_error))
    g_warning ("Could not save interviews: %s", interviews_error->message);

  G_APPLICATION_CLASS (viva_application_parent_class)->shutdown (app);
}

static void
viva_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  static const char *developers[] = { "Viva developers", NULL };
  VivaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Viva"),
                         "application-icon", APP_ID,
                         "developer-name", "Viva developers",
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/vivaprep/viva",
                         "issue-url", "https://github.com/vivaprep/viva/issues",
                         "comments", _("Prepare for Python interviews: study a bank of questions, take notes and track what you know."),
                         "copyright", "© 2026 Viva developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: replace with your names, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
viva_application_preferences_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  VivaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (viva_preferences_window_new (window)));
}

static void
viva_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  VivaApplication *self = user_data;
  VivaWindow *window = viva_application_get_main_window (self);

  /* Closing the window goes through its close-request, which saves notes
   * and asks before anything unsaved could be lost. */
  if (window != NULL)
    gtk_window_close (GTK_WINDOW (window));
  else
    g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", viva_application_about_action },
  { "preferences", viva_application_preferences_action },
  { "quit", viva_application_quit_action },
};

static void
viva_application_finalize (GObject *object)
{
  VivaApplication *self = (VivaApplication *)object;

  g_clear_object (&self->notes_store);
  g_clear_object (&self->settings);
  g_clear_error (&self->notes_load_error);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->session_problems, g_ptr_array_unref);
  g_clear_object (&self->interviews);
  g_clear_pointer (&self->interview_problems, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_application_parent_class)->finalize (object);
}

static void
viva_application_class_init (VivaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = viva_application_finalize;

  app_class->activate = viva_application_activate;
  app_class->open = viva_application_open;
  app_class->startup = viva_application_startup;
  app_class->shutdown = viva_application_shutdown;
}

static void
viva_application_init (VivaApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
}

VivaApplication *
viva_application_new (void)
{
  return g_object_new (VIVA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

VivaNotesStore *
viva_application_get_notes_store (VivaApplication *self)
{
  g_return_val_if_fail (VIVA_IS_APPLICATION (self), NULL);

  return self->notes_store;
}

GSettings *
viva_application_get_settings (VivaApplication *self)
{
  g_return_val_if_fail (VIVA_IS_APPLICATION (self), NULL);

  return self->settings;
}
