/* fuzz-interview-templates.c
 *
 * Fuzz target: any bytes, loaded as interview-templates.json the way the
 * plan page loads it (viva_interview_templates_load(), from a file in a
 * scratch folder, src/interview/viva-interview-templates-file.c). A file
 * that does not load is reported in words a user can read and moved
 * aside byte for byte; templates that load save
 * (viva_interview_templates_save()), and the saved file loads back with
 * the same templates and saves as the same bytes. Built with libFuzzer by
 * build-aux/fuzz; every build replays corpus/interview-templates/ with
 * fuzz-replay.c as an ordinary test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-document-fuzz.h"
#include "viva-fuzz-target.h"
#include "viva-interview-template.h"

static GBytes *
save (const char *dir,
      const char *name,
      GPtrArray  *templates)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  VivaFileStamp stamp = { 0 };
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!viva_interview_templates_save (path, templates, &stamp, &error))
    g_error ("templates that loaded do not save: %s", error->message);
  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("cannot read %s: %s", path, error->message);

  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
assert_same_templates (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      VivaInterviewTemplate *ta = g_ptr_array_index (a, i);
      VivaInterviewTemplate *tb = g_ptr_array_index (b, i);

      g_assert_cmpstr (viva_interview_template_get_name (ta), ==, viva_interview_template_get_name (tb));
      g_assert_cmpint (viva_interview_template_get_total_budget (ta), ==,
                       viva_interview_template_get_total_budget (tb));
      g_assert_cmpuint (viva_interview_template_get_n_items (ta), ==, viva_interview_template_get_n_items (tb));
      for (guint j = 0; j < viva_interview_template_get_n_items (ta); j++)
        {
          const VivaInterviewTemplateItem *ia = viva_interview_template_get_item (ta, j);
          const VivaInterviewTemplateItem *ib = viva_interview_template_get_item (tb, j);

          g_assert_cmpuint (ia->number, ==, ib->number);
          g_assert_cmpstr (ia->text, ==, ib->text);
          g_assert_cmpint (ia->budget, ==, ib->budget);
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *dir = viva_fuzz_begin_scratch ();
  g_autofree char *path = viva_fuzz_write_scratch ("interview-templates.json", data, size);
  g_autoptr(VivaInterviewTemplatesLoad) load = viva_interview_templates_load (path);
  g_autoptr(VivaInterviewTemplatesLoad) back = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autofree char *saved_path = NULL;

  g_assert_nonnull (load->templates);
  g_assert_cmpuint (load->templates->len, <=, VIVA_INTERVIEW_TEMPLATES_MAX);

  if (load->problem != NULL)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_cmpuint (strlen (load->problem), >, 0);
      g_assert_true (g_utf8_validate (load->problem, -1, NULL));
      g_assert_cmpuint (load->templates->len, ==, 0);

      /* Moved aside as it was, or left where it is and never written. */
      g_assert_true (load->moved_aside_path != NULL || load->read_only);
      g_assert_true (g_file_get_contents (load->moved_aside_path != NULL ? load->moved_aside_path : path,
                                          &contents, &len, NULL));
      g_assert_cmpmem (contents, len, data, size);
      return 0;
    }

  /* A newer version's templates are used, never written. */
  if (load->read_only)
    return 0;

  saved = save (dir, "saved.json", load->templates);
  saved_path = g_build_filename (dir, "saved.json", NULL);
  back = viva_interview_templates_load (saved_path);
  if (back->problem != NULL || back->read_only)
    g_error ("saved templates do not load back: %s\n%.*s", back->problem != NULL ? back->problem : "read-only",
             (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL));

  assert_same_templates (load->templates, back->templates);
  saved_again = save (dir, "saved-again.json", back->templates);
  g_assert_true (g_bytes_equal (saved, saved_again));

  return 0;
}
