/* viva-answer-view.c
 *
 * The answer is set at once but its widgets are built on first map: a
 * collapsed "Show Answer" costs nothing at start-up or when moving from
 * question to question, and the Python language of GtkSourceView (a
 * noticeable moment to load) is only looked up when a code block shows.
 *
 * Every label takes markup that viva_answer_parse_blocks() escaped:
 * never markup made from the answer's raw text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-answer-view.h"
#include "viva-answer.h"

struct _VivaAnswerView
{
  GtkWidget  parent_instance;

  /* Owned */
  char      *answer;
  GPtrArray *buffers;

  gboolean   built;
};

G_DEFINE_FINAL_TYPE (VivaAnswerView, viva_answer_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANSWER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_answer_view_clear (VivaAnswerView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_ptr_array_set_size (self->buffers, 0);
  self->built = FALSE;
}

static void
viva_answer_view_update_style_scheme (VivaAnswerView *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  for (guint i = 0; i < self->buffers->len; i++)
    gtk_source_buffer_set_style_scheme (g_ptr_array_index (self->buffers, i), scheme);
}

static GtkWidget *
viva_answer_view_new_label (const char *markup,
                            guint       indent)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 18 * indent);

  return label;
}

static GtkWidget *
viva_answer_view_new_code (VivaAnswerView        *self,
                           const VivaAnswerBlock *block,
                           gboolean               source_view)
{
  GtkWidget *view;

  if (source_view)
    {
      GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
      const char *id = g_strcmp0 (block->language, "python") == 0 ? "python3" : block->language;
      GtkSourceLanguage *language = id != NULL ? gtk_source_language_manager_get_language (languages, id) : NULL;
      g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (language);

      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), block->text, -1);
      gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
      g_ptr_array_add (self->buffers, g_object_ref (buffer));

      view = gtk_source_view_new_with_buffer (buffer);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (block->text, -1);

      view = viva_answer_view_new_label (escaped, 0);
      gtk_widget_add_css_class (view, "monospace");
    }

  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, "viva-answer-code");
  gtk_widget_set_margin_start (view, 18 * block->depth);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"),
                                  -1);

  return view;
}

static GtkWidget *
viva_answer_view_new_block (VivaAnswerView        *self,
                            const VivaAnswerBlock *block,
                            guint                 *n_source_views)
{
  GtkWidget *widget;

  switch (block->kind)
    {
    case VIVA_ANSWER_BLOCK_CODE:
      widget = viva_answer_view_new_code (self, block, *n_source_views < VIVA_ANSWER_VIEW_MAX_SOURCE_VIEWS);
      if (GTK_SOURCE_IS_VIEW (widget))
        (*n_source_views)++;
      return widget;

    case VIVA_ANSWER_BLOCK_HEADING:
      widget = viva_answer_view_new_label (block->markup, block->depth);
      gtk_widget_add_css_class (widget, "heading");
      return widget;

    case VIVA_ANSWER_BLOCK_LIST_ITEM:
      {
        g_autofree char *markup = NULL;

        if (block->ordinal > 0)
          markup = g_strdup_printf ("%u.\u2002%s", block->ordinal, block->markup);
        else
          markup = g_strdup_printf ("\u2022\u2002%s", block->markup);

        return viva_answer_view_new_label (markup, block->depth);
      }

    case VIVA_ANSWER_BLOCK_QUOTE:
      widget = viva_answer_view_new_label (block->markup, block->depth + 1);
      gtk_widget_add_css_class (widget, "dim-label");
      return widget;

    case VIVA_ANSWER_BLOCK_PARAGRAPH:
    default:
      return viva_answer_view_new_label (block->markup, block->depth);
    }
}

static void
viva_answer_view_build (VivaAnswerView *self)
{
  g_autoptr(GPtrArray) blocks = NULL;
  guint n_source_views = 0;
  gsize shown = 0;

  viva_answer_view_clear (self);
  self->built = TRUE;

  blocks = viva_answer_parse_blocks (self->answer);

  for (guint i = 0; i < blocks->len; i++)
    {
      const VivaAnswerBlock *block = g_ptr_array_index (blocks, i);

      if (shown > VIVA_ANSWER_VIEW_MAX_SHOWN)
        {
          GtkWidget *label = gtk_label_new (_("The rest of this answer is too long to show here."));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_parent (label, GTK_WIDGET (self));
          break;
        }

      shown += strlen (block->text);
      gtk_widget_set_parent (viva_answer_view_new_block (self, block, &n_source_views), GTK_WIDGET (self));
    }

  viva_answer_view_update_style_scheme (self);
}

static void
viva_answer_view_map (GtkWidget *widget)
{
  VivaAnswerView *self = VIVA_ANSWER_VIEW (widget);

  /* Children added here are mapped by the parent's map below. */
  if (!self->built)
    viva_answer_view_build (self);

  GTK_WIDGET_CLASS (viva_answer_view_parent_class)->map (widget);
}

static void
viva_answer_view_dispose (GObject *object)
{
  VivaAnswerView *self = (VivaAnswerView *)object;

  viva_answer_view_clear (self);

  G_OBJECT_CLASS (viva_answer_view_parent_class)->dispose (object);
}

static void
viva_answer_view_finalize (GObject *object)
{
  VivaAnswerView *self = (VivaAnswerView *)object;

  g_clear_pointer (&self->answer, g_free);
  g_clear_pointer (&self->buffers, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_answer_view_parent_class)->finalize (object);
}

static void
viva_answer_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VivaAnswerView *self = VIVA_ANSWER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ANSWER:
      g_value_set_string (value, self->answer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_answer_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VivaAnswerView *self = VIVA_ANSWER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ANSWER:
      viva_answer_view_set_answer (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_answer_view_class_init (VivaAnswerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_answer_view_dispose;
  object_class->finalize = viva_answer_view_finalize;
  object_class->get_property = viva_answer_view_get_property;
  object_class->set_property = viva_answer_view_set_property;

  widget_class->map = viva_answer_view_map;

  properties[PROP_ANSWER] =
    g_param_spec_string ("answer", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "answerview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
viva_answer_view_init (VivaAnswerView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->buffers = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Answer"),
                                  -1);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (viva_answer_view_update_style_scheme), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
viva_answer_view_new (void)
{
  return g_object_new (VIVA_TYPE_ANSWER_VIEW, NULL);
}

const char *
viva_answer_view_get_answer (VivaAnswerView *self)
{
  g_return_val_if_fail (VIVA_IS_ANSWER_VIEW (self), NULL);

  return self->answer;
}

/* @answer: canonical Markdown, or NULL for none. */
void
viva_answer_view_set_answer (VivaAnswerView *self,
                             const char     *answer)
{
  g_return_if_fail (VIVA_IS_ANSWER_VIEW (self));

  if (g_strcmp0 (self->answer, answer) == 0)
    return;

  g_free (self->answer);
  self->answer = g_strdup (answer);

  viva_answer_view_clear (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    viva_answer_view_build (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER]);
}
