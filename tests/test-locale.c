/* test-locale.c
 *
 * Data files stay the same whatever the locale. Viva calls
 * setlocale (LC_ALL, ""), and in a German or Spanish locale the C
 * library's printf("%g") writes "3,25" and strtod() stops at the dot of
 * "3.25": a file written that way would not read back in another
 * locale, or in this one. These tests write and read each file that
 * holds fractions under de_DE.UTF-8 and check the values and the bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "viva-fsrs.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"

/* 2026-01-05 09:00 UTC */
#define START (G_GINT64_CONSTANT (1767603600) * G_USEC_PER_SEC)
#define BANK "locale-bank"
#define N_NOTES 5

/* Switches the whole process to @locale, as main() does with the
 * user's; fails, rather than skips, when the locale is not installed
 * (build-aux/setup generates it), and checks that it is one that
 * writes a decimal comma, or the test would prove nothing. */
static void
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    g_error ("The locale %s is not installed (build-aux/setup --test generates it)", locale);

  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
}

/* Every number in @text that has a fractional part: a digit, a dot or a
 * comma, a digit. Returns how many had a dot; fails on a comma. */
static guint
count_decimal_dots (const char *text)
{
  guint n_dots = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p == text || !g_ascii_isdigit (p[-1]) || !g_ascii_isdigit (p[1]))
        continue;
      if (*p == ',')
        g_error ("A number written with a decimal comma: …%.40s", p - 1);
      if (*p == '.')
        n_dots++;
    }

  return n_dots;
}

/* Notes with FSRS memory (stability and difficulty are fractions):
 * saved under de_DE, the file says "3.25", and it loads back to the
 * same doubles, under de_DE and under C. */
static void
test_notes_memory (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "viva", "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autofree char *contents = NULL;
  VivaReviewState held[N_NOTES];
  g_autoptr(GError) error = NULL;

  use_locale ("de_DE.UTF-8");

  g_assert_true (viva_notes_store_load (store, NULL));
  for (guint n = 0; n < N_NOTES; n++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, n + 1);
      gint64 time = START;

      for (guint i = 0; i <= n; i++)
        {
          viva_note_review (note, VIVA_REVIEW_GRADE_AGAIN + (n + i) % 4, VIVA_REVIEW_SOURCE_REVIEW, time);
          time += (1 + i) * G_TIME_SPAN_DAY;
        }
      held[n] = *viva_note_get_review_state (note);
      /* A fraction, so that the decimal separator is written. */
      g_assert_cmpfloat (held[n].stability, !=, (double) (gint64) held[n].stability);
      g_assert_cmpfloat (held[n].difficulty, >, 0);
    }
  g_assert_true (viva_notes_store_flush (store, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  /* Two fractions a note at least: its stability and its difficulty. */
  g_assert_cmpuint (count_decimal_dots (contents), >=, 2 * N_NOTES);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(VivaNotesStore) reread = viva_notes_store_new (path);

      if (pass == 1)
        setlocale (LC_ALL, "C.UTF-8");
      g_assert_true (viva_notes_store_load (reread, &error));
      g_assert_no_error (error);
      for (guint n = 0; n < N_NOTES; n++)
        {
          const VivaReviewState *state = viva_note_get_review_state (viva_notes_store_get_note (reread, BANK, n + 1));

          g_assert_cmpfloat (state->stability, ==, held[n].stability);
          g_assert_cmpfloat (state->difficulty, ==, held[n].difficulty);
          g_assert_cmpint (state->due, ==, held[n].due);
        }
    }

  setlocale (LC_ALL, "C.UTF-8");
}

/* The FSRS parameters (GSettings, in the keyfile GLib writes outside
 * Flatpak and dconf): set under de_DE, written with dots, read back
 * the same. */
static void
test_fsrs_parameters (void)
{
  g_autofree char *keyfile = g_build_filename (g_get_user_config_dir (), "viva-settings.ini", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(GSettings) reread = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const double *w;
  double fitted[VIVA_FSRS_N_PARAMS];
  gsize n;

  use_locale ("de_DE.UTF-8");

  memcpy (fitted, viva_fsrs_default_parameters, sizeof fitted);
  fitted[0] = 0.9125;
  fitted[3] = 25.75;
  g_settings_set_value (settings, "fsrs-parameters",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, fitted, VIVA_FSRS_N_PARAMS,
                                                   sizeof (double)));
  g_settings_set_double (settings, "review-desired-retention", 0.85);
  g_settings_sync ();

  g_assert_true (g_file_get_contents (keyfile, &contents, NULL, &error));
  g_assert_no_error (error);
  /* GVariant's text, 17 digits: "fsrs-parameters=[0.91249999999999998, ...". */
  g_assert_nonnull (strstr (contents, "fsrs-parameters=[0.91"));
  g_assert_nonnull (strstr (contents, "review-desired-retention=0.8"));
  g_assert_cmpuint (count_decimal_dots (contents), >=, VIVA_FSRS_N_PARAMS);

  g_clear_object (&settings);
  g_clear_object (&backend);
  backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  reread = g_settings_new_with_backend (APP_ID, backend);
  value = g_settings_get_value (reread, "fsrs-parameters");
  w = g_variant_get_fixed_array (value, &n, sizeof (double));
  g_assert_cmpuint (n, ==, VIVA_FSRS_N_PARAMS);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (w[i], ==, fitted[i]);
  g_assert_cmpfloat (g_settings_get_double (reread, "review-desired-retention"), ==, 0.85);

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/locale/notes/fsrs-memory", test_notes_memory);
  g_test_add_func ("/locale/settings/fsrs-parameters", test_fsrs_parameters);

  return g_test_run ();
}
