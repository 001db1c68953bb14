/* viva-code-pad-results.c
 *
 * What the code pad shows of a test run: one row per case with its status as a word (colour and an icon are never the
 * only cue), the call, what it expected and what it gave, what it
 * printed and its traceback; and the one sentence a screen reader reads
 * for the row ("two words: failed, expected 'b a', got 'a b'").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-code-pad-private.h"

/* What one line of a result row shows of a value, a call or a
 * traceback: the rest is cut, so that a case printing megabytes does
 * not make a label GTK takes seconds to lay out. */
#define RESULT_TEXT_MAX_CHARS 2000

static const char *
case_status_word (VivaCaseStatus status)
{
  switch (status)
    {
    case VIVA_CASE_PASSED:
      /* Translators: a test case's status */
      return _("passed");
    case VIVA_CASE_FAILED:
      /* Translators: a test case's status */
      return _("failed");
    case VIVA_CASE_ERROR:
      /* Translators: a test case's status: it raised an exception or did not finish */
      return _("error");
    case VIVA_CASE_NOT_RUN:
    default:
      /* Translators: a test case's status */
      return _("not run");
    }
}

/* The order rows show in: what needs the user's eye first. */
int
_viva_code_pad_case_status_rank (VivaCaseStatus status)
{
  switch (status)
    {
    case VIVA_CASE_FAILED:
      return 0;
    case VIVA_CASE_ERROR:
      return 1;
    case VIVA_CASE_NOT_RUN:
      return 2;
    case VIVA_CASE_PASSED:
    default:
      return 3;
    }
}

/* @text cut to what a label shows well; on one line when @one_line,
 * its line breaks shown as ⏎. */
char *
_viva_code_pad_shorten (const char *text,
                        gboolean    one_line)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);
  glong n = 0;

  /* The new line print() ends with says nothing on one line. */
  if (one_line)
    g_strchomp (valid);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == RESULT_TEXT_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (one_line && c == '\n')
        g_string_append (out, " ⏎ ");
      else
        g_string_append_unichar (out, c);
    }

  g_string_replace (out, "\r", "", 0);

  return g_string_free (out, FALSE);
}

/* The last non-empty line of a traceback: the exception and its message. */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      g_strstrip (lines[i - 1]);
      if (lines[i - 1][0] != '\0')
        return _viva_code_pad_shorten (lines[i - 1], TRUE);
    }

  return g_strdup ("");
}

/* What the case expects, as the row and a screen reader say it, or
 * NULL when it expects only that the call runs. */
static char *
case_expectation (const VivaCodeCase *code_case)
{
  g_autofree char *value = NULL;

  if (code_case->expected != NULL)
    return _viva_code_pad_shorten (code_case->expected, TRUE);

  if (code_case->raises != NULL)
    {
      value = _viva_code_pad_shorten (code_case->raises, TRUE);
      /* Translators: what a test case expects: "raises ValueError" */
      return g_strdup_printf (_("raises %s"), value);
    }

  if (code_case->output != NULL)
    {
      value = _viva_code_pad_shorten (code_case->output, TRUE);
      /* Translators: what a test case expects: "prints hello" */
      return g_strdup_printf (_("prints %s"), value);
    }

  return NULL;
}

/* What the call gave, to set beside what it expected. */
static char *
case_actual (const VivaCaseResult *result)
{
  const VivaCodeCase *code_case = result->test_case;

  if (code_case->output != NULL && code_case->expected == NULL)
    return _viva_code_pad_shorten (result->output, TRUE);

  if (result->actual != NULL)
    return _viva_code_pad_shorten (result->actual, TRUE);

  return NULL;
}

static char *
case_title (const VivaCodeCase *code_case)
{
  if (code_case->name != NULL && code_case->name[0] != '\0')
    return _viva_code_pad_shorten (code_case->name, TRUE);

  return _viva_code_pad_shorten (code_case->call, TRUE);
}

/**
 * viva_code_pad_describe_case:
 * @result: one case's result
 *
 * The case as one sentence, as a screen reader reads its row: "empty
 * string: passed", "two words: failed, expected 'b a', got 'a b'".
 *
 * Returns: (transfer full): the sentence
 */
char *
viva_code_pad_describe_case (const VivaCaseResult *result)
{
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *reason = NULL;
  const char *status;

  g_return_val_if_fail (result != NULL && result->test_case != NULL, NULL);

  title = case_title (result->test_case);
  status = case_status_word (result->status);

  switch (result->status)
    {
    case VIVA_CASE_FAILED:
      expected = case_expectation (result->test_case);
      actual = case_actual (result);
      if (expected != NULL && actual != NULL)
        /* Translators: "two words: failed, expected 'b a', got 'a b'" */
        return g_strdup_printf (_("%s: %s, expected %s, got %s"), title, status, expected, actual);
      if (expected != NULL && result->error != NULL)
        {
          reason = last_line (result->error);
          /* Translators: "bad input: failed, expected raises ValueError, got TypeError: …" */
          return g_strdup_printf (_("%s: %s, expected %s, got %s"), title, status, expected, reason);
        }
      if (expected != NULL)
        /* Translators: "bad input: failed, expected raises ValueError" */
        return g_strdup_printf (_("%s: %s, expected %s"), title, status, expected);
      if (result->error != NULL)
        {
          reason = last_line (result->error);
          /* Translators: "test_sort: failed, AssertionError: wrong order" */
          return g_strdup_printf (_("%s: %s, %s"), title, status, reason);
        }
      break;

    case VIVA_CASE_ERROR:
      if (result->error != NULL)
        {
          reason = last_line (result->error);
          /* Translators: "empty list: error, IndexError: list index out of range" */
          return g_strdup_printf (_("%s: %s, %s"), title, status, reason);
        }
      break;

    case VIVA_CASE_PASSED:
    case VIVA_CASE_NOT_RUN:
    default:
      break;
    }

  /* Translators: "empty string: passed" */
  return g_strdup_printf (_("%s: %s"), title, status);
}

static void
add_detail (GtkBox     *box,
            const char *heading,
            const char *text,
            gboolean    block)
{
  GtkWidget *line = gtk_box_new (block ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  g_autofree char *shown = _viva_code_pad_shorten (text, !block);
  GtkWidget *value = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_yalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "monospace");

  gtk_box_append (GTK_BOX (line), title);
  gtk_box_append (GTK_BOX (line), value);
  gtk_box_append (box, line);
}

GtkWidget *
_viva_code_pad_result_row_new (const VivaCaseResult *result)
{
  const VivaCodeCase *code_case = result->test_case;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon;
  GtkWidget *status;
  GtkWidget *name;
  g_autofree char *title = case_title (code_case);
  g_autofree char *expected = case_expectation (code_case);
  g_autofree char *sentence = viva_code_pad_describe_case (result);
  const char *icon_name;
  const char *style;

  switch (result->status)
    {
    case VIVA_CASE_PASSED:
      icon_name = "emblem-ok-symbolic";
      style = "success";
      break;
    case VIVA_CASE_FAILED:
      icon_name = "window-close-symbolic";
      style = "error";
      break;
    case VIVA_CASE_ERROR:
      icon_name = "dialog-warning-symbolic";
      style = "error";
      break;
    case VIVA_CASE_NOT_RUN:
    default:
      icon_name = "content-loading-symbolic";
      style = "dim-label";
      break;
    }

  /* The status is a word too: colour and the icon are never the only
   * cue. */
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, style);
  status = gtk_label_new (case_status_word (result->status));
  gtk_widget_add_css_class (status, style);
  gtk_widget_add_css_class (status, "heading");
  name = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (name, TRUE);

  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), status);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (box), header);

  if (code_case->name != NULL && code_case->name[0] != '\0')
    /* Translators: a test case's Python call, "is_palindrome('')" */
    add_detail (GTK_BOX (box), _("Call"), code_case->call, FALSE);
  if (expected != NULL)
    add_detail (GTK_BOX (box), _("Expected"), expected, FALSE);
  if (result->status != VIVA_CASE_PASSED && result->status != VIVA_CASE_NOT_RUN)
    {
      g_autofree char *actual = case_actual (result);

      if (actual != NULL)
        /* Translators: the value a test case's call gave */
        add_detail (GTK_BOX (box), _("Got"), actual, FALSE);
    }
  if (result->output != NULL && result->output[0] != '\0')
    add_detail (GTK_BOX (box), _("Printed"), result->output, TRUE);
  if (result->error != NULL && result->error[0] != '\0')
    add_detail (GTK_BOX (box), _("Error"), result->error, TRUE);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "viva-test-result");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);
  g_object_set_data (G_OBJECT (row), "viva-case-status", GINT_TO_POINTER (result->status));

  return row;
}
