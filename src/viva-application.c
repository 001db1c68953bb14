/* viva-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "viva-accessible.h"
#include "viva-application.h"
#include "viva-context.h"
#include "viva-first-frame.h"
#include "viva-notes-store.h"
#include "viva-preferences-window.h"
#include "viva-question.h"
#include "viva-interview-store.h"
#include "viva-session-store.h"
#include "viva-source-schemes.h"
#include "viva-window.h"

/* Logging out, shutting down, `kill PID` and Ctrl+C in a terminal: each
 * must save what was typed, as Ctrl+Q does, not drop it. */
static const int quit_signals[] = { SIGTERM, SIGHUP, SIGINT };

struct _VivaApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  VivaContext    *context;

  /* The g_unix_signal_add() sources of quit_signals[] */
  guint           signal_sources[G_N_ELEMENTS (quit_signals)];
  gboolean        quit_signalled;
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

/* The benchmark's first frame (see viva_first_frame_watch()) has been
 * painted: says what it showed of a returning user's session, the
 * question reopened (0 for none yet) and whether the notes were in,
 * that is whether that question's note was drawn; then quits. */
static void
viva_application_first_frame_cb (VivaApplication *self)
{
  VivaWindow *window = viva_application_get_main_window (self);
  VivaQuestion *question = window ? viva_window_get_question (window) : NULL;

  g_print ("first-frame-question=%u first-frame-notes-loaded=%d\n",
           question ? viva_question_get_number (question) : 0,
           viva_context_get_notes_loaded (self->context));
  g_application_quit (G_APPLICATION (self));
}

static VivaWindow *
viva_application_ensure_window (VivaApplication *self)
{
  VivaWindow *window = viva_application_get_main_window (self);

  if (window == NULL)
    {
      window = viva_window_new (self, self->context);
      viva_window_restore_session (window);

      /* Notes still loading are reported by the window once they are
       * in (viva_window_notes_loaded_cb()). */
      if (viva_context_get_notes_loaded (self->context))
        viva_window_report_notes_state (window, viva_context_get_notes_load_error (self->context));

      viva_first_frame_watch (GTK_WIDGET (window), G_CALLBACK (viva_application_first_frame_cb), self);
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

static gboolean
viva_application_quit_signal_cb (gpointer user_data)
{
  VivaApplication *self = user_data;

  /* The first signal quits as Ctrl+Q does: the window saves everything
   * and closes, or, if the notes cannot be saved, stays open and says
   * so. A second signal means it: quit anyway; shutdown() still tries
   * to save once more. */
  if (!self->quit_signalled)
    {
      self->quit_signalled = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
    }
  else
    g_application_quit (G_APPLICATION (self));

  return G_SOURCE_CONTINUE;
}

/* GTK 4.8 loads its own theme, "Default", when it makes the display's
 * settings in GtkApplication's start-up: 80 of a returning user's 734
 * million instructions to the first frame (callgrind, main thread).
 * libadwaita then replaces it at once (adw-style-manager.c sets
 * gtk-theme-name to its empty theme, "Adwaita-empty", and adds its own
 * style sheet), so it is never used. GTK reads GTK_THEME before any
 * setting: with it naming the empty theme while the settings are made,
 * GTK loads that instead, and GTK_THEME is unset before libadwaita
 * looks, which styles an application only when it is not set. What is
 * drawn is the same (the README's screenshots, light and dark, pixel
 * for pixel). A user's own GTK_THEME is left as it is.
 *
 * viva_application_prepare_theme() sets it from main(), before any
 * thread that could read the environment runs (setenv() may move the
 * environment); startup unsets it (unsetenv() only shifts entries), so
 * no child process (the Python sandbox) inherits it. */
static gboolean theme_prepared;

void
viva_application_prepare_theme (void)
{
  if (g_getenv ("GTK_THEME") != NULL)
    return;

  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  theme_prepared = TRUE;
}

static void
viva_application_make_settings (void)
{
  if (!theme_prepared)
    return;

  gtk_init ();
  gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
  theme_prepared = FALSE;
}

static void
viva_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  VivaApplication *self = VIVA_APPLICATION (app);

  viva_application_make_settings ();
  G_APPLICATION_CLASS (viva_application_parent_class)->startup (app);

  /* Names as a screen reader should read them, despite GTK 4.8. */
  viva_accessible_init ();

  /* Before the notes editor's buffer loads the first style scheme. */
  viva_source_schemes_init ();

  g_set_application_name (_("Viva"));
  gtk_window_set_default_icon_name (APP_ID);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  /* The stores, loaded (the notes in a worker); what went wrong is for
   * the window to say. */
  self->context = viva_context_new_default ();

  /* Only the primary instance has anything to save; a remote one hands
   * its files over and exits without running startup(). */
  for (guint i = 0; i < G_N_ELEMENTS (quit_signals); i++)
    self->signal_sources[i] = g_unix_signal_add (quit_signals[i],
                                                 viva_application_quit_signal_cb,
                                                 self);
}

static void
viva_application_shutdown (GApplication *app)
{
  VivaApplication *self = VIVA_APPLICATION (app);
  VivaNotesStore *notes_store = NULL;
  VivaSessionStore *sessions = NULL;
  VivaInterviewStore *interviews = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sessions_error = NULL;
  g_autoptr(GError) interviews_error = NULL;

  if (self->context != NULL)
    {
      notes_store = viva_context_get_notes_store (self->context);
      sessions = viva_context_get_session_store (self->context);
      interviews = viva_context_get_interview_store (self->context);
    }

  /* Windows flush on close; this catches quitting through other paths
   * (a signal from the session, app.quit with a dialog open). */
  if (notes_store != NULL &&
      viva_notes_store_get_dirty (notes_store) &&
      !viva_notes_store_flush (notes_store, &error))
    g_warning ("Could not save notes to %s: %s",
               viva_notes_store_get_path (notes_store),
               error->message);

  if (sessions != NULL && !viva_session_store_flush (sessions, &sessions_error))
    g_warning ("Could not save mock interviews: %s", sessions_error->message);
  if (interviews != NULL && !viva_interview_store_flush (interviews, &interviews_error))
    g_warning ("Could not save interviews: %s", interviews_error->message);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);

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

  /* A screen reader says "dialog", as for Viva's other dialogs: GTK 4.8
   * reads a libadwaita window as a frame unless the instance has the
   * role. */
  adw_show_about_window (window,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
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

  GtkWidget *preferences = viva_preferences_window_new (window);

  viva_fsrs_optimize_group_set_context (viva_preferences_window_get_optimize_group (VIVA_PREFERENCES_WINDOW (preferences)),
                                        self->context);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The once-only offer's button (VivaFsrsOffer): Preferences, on the
 * Review page, where Optimize is. */
static void
viva_application_optimize_fsrs_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  VivaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = viva_preferences_window_new (window);

  viva_fsrs_optimize_group_set_context (viva_preferences_window_get_optimize_group (VIVA_PREFERENCES_WINDOW (preferences)),
                                        self->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "review");
  gtk_window_present (GTK_WINDOW (preferences));
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
  { "optimize-fsrs", viva_application_optimize_fsrs_action },
  { "quit", viva_application_quit_action },
};

static void
viva_application_finalize (GObject *object)
{
  VivaApplication *self = (VivaApplication *)object;

  g_clear_object (&self->context);

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

/**
 * viva_application_get_context:
 *
 * Returns: (transfer none) (nullable): what every window and page shares,
 *   from startup on
 */
VivaContext *
viva_application_get_context (VivaApplication *self)
{
  g_return_val_if_fail (VIVA_IS_APPLICATION (self), NULL);

  return self->context;
}
