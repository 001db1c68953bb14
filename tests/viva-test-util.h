/* viva-test-util.h
 *
 * What the widget tests share: running the main loop, waiting for a
 * widget, pressing a shortcut (as GTK dispatches it, or as real keys
 * through the X server), checking what Return does in a message dialog,
 * saving a screenshot when VIVA_SCREENSHOT_DIR is set, and the main
 * window on fresh stores, as Viva opens on a first start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-clock.h"
#include "viva-interview-store.h"
#include "viva-notes-store.h"
#include "viva-python-runner.h"
#include "viva-session-store.h"
#include "viva-window.h"

G_BEGIN_DECLS

#define VIVA_TEST_WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)

void viva_test_init_ui         (int        *argc,
                                char     ***argv);
void viva_test_load_app_style  (void);
void viva_test_reset_user_data (void);
void viva_test_drain_main_loop (void);
void viva_test_wait_mapped     (GtkWidget  *widget);
typedef gboolean (*VivaTestCondition) (gpointer data);
void viva_test_wait_until      (VivaTestCondition  condition,
                                gpointer           data,
                                gint64             limit_usec,
                                const char        *what);
void viva_test_wait_runner_settled (VivaPythonRunner *runner);
void viva_test_save_screenshot (GtkWidget  *widget,
                                const char *name);
void viva_test_collect_unnamed_controls (GtkWidget *widget,
                                         GString   *unnamed);
gboolean viva_test_press_shortcut (GtkWidget  *widget,
                                   const char *accelerator);
void viva_test_xdotool         (const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;
void viva_test_send_keys        (GtkWidget  *widget,
                                 const char *keys);
gboolean viva_test_label_is_monospace (GtkLabel   *label,
                                       const char *text);
void viva_test_wait_painted    (GtkWidget  *widget);
typedef gboolean (*VivaTestWidgetMatch) (GtkWidget  *widget,
                                         const char *what);
GtkWidget *viva_test_find_widget (GtkWidget           *root,
                                  VivaTestWidgetMatch  match,
                                  const char          *what);
void viva_test_set_large_text  (gboolean    large);
AdwMessageDialog *viva_test_find_message_dialog (void);
AdwMessageDialog *viva_test_wait_message_dialog (const char *heading);
void viva_test_assert_return_is_safe (AdwMessageDialog *dialog,
                                      const char       *safe_response);

/* The main window on the user's (empty) stores, and the stores, so that
 * a test can look into them and flush them at the end. */
typedef struct
{
  VivaNotesStore     *notes;
  VivaSessionStore   *sessions;
  VivaInterviewStore *interviews;
  VivaClock          *clock;
  VivaWindow         *window;
} VivaTestWindow;

void viva_test_window_open     (VivaTestWindow *test_window,
                                VivaClock      *clock,
                                int             width,
                                int             height);
void viva_test_window_close    (VivaTestWindow *test_window);

G_END_DECLS
