/* viva-interview-wrapup-page-export.c
 *
 * What leaves Viva from the wrap-up page: the report for the hiring
 * panel exported as Markdown or PDF to a file the interviewer chooses,
 * or printed (Ctrl+P). The file is written whole or not at all; how it
 * went is said in a toast, and a failure stays until read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-interview.h"
#include "viva-interview-pdf.h"
#include "viva-interview-wrapup-page-private.h"
#include "viva-toast.h"

/* A file name keeps this much of the candidate's name. */
#define FILE_NAME_MAX_CHARS 80

static void
viva_interview_wrapup_page_show_outcome (VivaInterviewWrapupPage *self,
                                         const char              *message,
                                         gboolean                 failed)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      AdwToast *toast = viva_toast_new_plain (message);

      /* A failure stays until read. */
      if (failed)
        adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  gtk_label_set_text (self->status_label, message);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
viva_interview_wrapup_page_chooser_response_cb (VivaInterviewWrapupPage *self,
                                                int                      response,
                                                GtkFileChooserNative    *chooser)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "viva-pdf"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (chooser == self->chooser)
    g_clear_object (&self->chooser);

  if (file == NULL || self->interview == NULL)
    return;

  name = g_file_get_basename (file);
  if (viva_interview_wrapup_page_export_to (self, file, pdf, &error))
    {
      /* Translators: after an export; %s is the file's name */
      message = g_strdup_printf (_("Report saved as “%s”"), name);
      viva_interview_wrapup_page_show_outcome (self, message, FALSE);
    }
  else
    {
      /* Translators: an export failed; the interview itself is safe */
      message = g_strdup_printf (_("Could not save the report: %s. The interview itself is kept."),
                                 error->message);
      viva_interview_wrapup_page_show_outcome (self, message, TRUE);
    }
}

static void
viva_interview_wrapup_page_export_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  VivaInterviewWrapupPage *self = VIVA_INTERVIEW_WRAPUP_PAGE (widget);
  gboolean pdf = g_str_equal (action_name, "wrapup.export-pdf");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->interview == NULL)
    return;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Report as PDF") : _("Export Report as Markdown"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "viva-pdf", GINT_TO_POINTER (pdf));

  if (pdf)
    {
      gtk_file_filter_set_name (filter, _("PDF Documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Markdown Documents"));
      gtk_file_filter_add_mime_type (filter, "text/markdown");
      gtk_file_filter_add_suffix (filter, "md");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  name = viva_interview_wrapup_page_dup_file_name (self, pdf);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (viva_interview_wrapup_page_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
viva_interview_wrapup_page_print_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  VivaInterviewWrapupPage *self = VIVA_INTERVIEW_WRAPUP_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->interview != NULL)
    viva_interview_print (self->interview, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

void
_viva_interview_wrapup_page_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "wrapup.export-markdown", NULL,
                                   viva_interview_wrapup_page_export_action);
  gtk_widget_class_install_action (widget_class, "wrapup.export-pdf", NULL,
                                   viva_interview_wrapup_page_export_action);
  gtk_widget_class_install_action (widget_class, "wrapup.print", NULL,
                                   viva_interview_wrapup_page_print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "wrapup.print", NULL);
}

/**
 * viva_interview_wrapup_page_dup_file_name:
 * @pdf: %TRUE for the PDF, %FALSE for Markdown
 *
 * The name an export suggests: "Interview - Ada Lovelace - 2026-11-24.pdf",
 * with what a file name cannot hold taken out of the candidate's name.
 *
 * Returns: (transfer full): the name
 */
char *
viva_interview_wrapup_page_dup_file_name (VivaInterviewWrapupPage *self,
                                          gboolean                 pdf)
{
  g_autoptr(GString) candidate = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *base = NULL;
  const char *name;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_WRAPUP_PAGE (self), NULL);
  g_return_val_if_fail (self->interview != NULL, NULL);

  name = viva_interview_get_candidate (self->interview);
  for (const char *p = name; *p != '\0' && g_utf8_strlen (candidate->str, -1) < FILE_NAME_MAX_CHARS;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (candidate, ' ');
      else
        g_string_append_unichar (candidate, c);
    }
  g_strstrip (candidate->str);
  /* A name of dots only would be a hidden file, or the folder itself. */
  if (strspn (candidate->str, ".") == strlen (candidate->str))
    g_string_assign (candidate, _("Unnamed Candidate"));

  date = viva_interview_format_date (self->interview, "%Y-%m-%d");
  if (date != NULL)
    /* Translators: the name of an exported report, without its
     * extension: candidate and date, "Interview - Ada Lovelace - 2026-11-24" */
    base = g_strdup_printf (_("Interview - %s - %s"), candidate->str, date);
  else
    /* Translators: the name of an exported report of an interview with
     * no date yet, without its extension */
    base = g_strdup_printf (_("Interview - %s"), candidate->str);

  return g_strconcat (base, pdf ? ".pdf" : ".md", NULL);
}

/**
 * viva_interview_wrapup_page_export_to:
 * @file: where to write the report
 * @pdf: %TRUE for the PDF, %FALSE for Markdown
 * @error: where an error goes
 *
 * Writes the report, as the export actions do once a file is chosen.
 * A local file is written through a temporary file renamed into place,
 * so that a failed export leaves neither a half-written file nor a
 * damaged earlier one. It blocks while it writes: a report is small
 * and this runs once, when the user asks.
 *
 * Returns: %TRUE once written
 */
gboolean
viva_interview_wrapup_page_export_to (VivaInterviewWrapupPage  *self,
                                      GFile                    *file,
                                      gboolean                  pdf,
                                      GError                  **error)
{
  g_autoptr(GBytes) report = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_WRAPUP_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->interview == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no interview to export"));
      return FALSE;
    }

  if (pdf)
    report = viva_interview_to_pdf (self->interview, error);
  else
    {
      char *markdown = viva_interview_to_markdown (self->interview);

      report = g_bytes_new_take (markdown, strlen (markdown));
    }

  if (report == NULL)
    return FALSE;

  data = g_bytes_get_data (report, &size);
  path = g_file_get_path (file);
  if (path != NULL)
    return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);

  /* Not a local file: GIO writes it through a temporary file where the
   * backend can. */
  return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}
