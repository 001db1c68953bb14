/* viva-run-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-resources.h"
#include "viva-run-request.h"

struct _VivaRunRequest
{
  GObject    parent_instance;

  /* Owned */
  char      *script_name;
  GBytes    *script;
  GPtrArray *file_names;
  GPtrArray *file_contents;
  GStrv      args;
  guint      time_limit;
};

G_DEFINE_FINAL_TYPE (VivaRunRequest, viva_run_request, G_TYPE_OBJECT)

static void
viva_run_request_finalize (GObject *object)
{
  VivaRunRequest *self = (VivaRunRequest *)object;

  g_clear_pointer (&self->script_name, g_free);
  g_clear_pointer (&self->script, g_bytes_unref);
  g_clear_pointer (&self->file_names, g_ptr_array_unref);
  g_clear_pointer (&self->file_contents, g_ptr_array_unref);
  g_clear_pointer (&self->args, g_strfreev);

  G_OBJECT_CLASS (viva_run_request_parent_class)->finalize (object);
}

static void
viva_run_request_class_init (VivaRunRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = viva_run_request_finalize;
}

static void
viva_run_request_init (VivaRunRequest *self)
{
  self->file_names = g_ptr_array_new_with_free_func (g_free);
  self->file_contents = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->args = g_new0 (char *, 1);
}

/**
 * viva_run_request_is_valid_name:
 *
 * Whether @name can name a file in /viva/: one path component, not
 * hidden, at most 64 bytes of letters, digits, "-", "_" and ".".
 */
gboolean
viva_run_request_is_valid_name (const char *name)
{
  gsize len;

  if (name == NULL || name[0] == '\0' || name[0] == '.')
    return FALSE;

  len = strlen (name);
  if (len > 64)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (name[i]) && strchr ("-_.", name[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * viva_run_request_new:
 * @script_name: the script's file name in /viva/, e.g. "viva-repl.py"
 * @script: its text
 *
 * Returns: (transfer full): a request that runs
 *   `python3 -I -u /viva/SCRIPT_NAME`
 */
VivaRunRequest *
viva_run_request_new (const char *script_name,
                      GBytes     *script)
{
  VivaRunRequest *self;

  g_return_val_if_fail (viva_run_request_is_valid_name (script_name), NULL);
  g_return_val_if_fail (script != NULL, NULL);

  self = g_object_new (VIVA_TYPE_RUN_REQUEST, NULL);
  self->script_name = g_strdup (script_name);
  self->script = g_bytes_ref (script);

  return self;
}

/**
 * viva_run_request_new_from_resource:
 * @resource_path: a driver among Viva's resources, e.g. %VIVA_RUN_REPL_RESOURCE
 *
 * Returns: (transfer full): a request running that script under its own
 *   base name
 */
VivaRunRequest *
viva_run_request_new_from_resource (const char *resource_path)
{
  g_autoptr(GBytes) script = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (resource_path != NULL, NULL);

  /* viva_get_resource() rather than g_resources_lookup_data(): the linker
   * keeps the static library's resources, registered or not (as
   * viva_bank_new_bundled() does). */
  script = g_resource_lookup_data (viva_get_resource (), resource_path,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* Our own resources: missing one is a build error, not a user's. */
  if (script == NULL)
    g_error ("Resource %s: %s", resource_path, error->message);

  name = g_path_get_basename (resource_path);

  return viva_run_request_new (name, script);
}

/**
 * viva_run_request_new_repl:
 * @code: Python source, as the user wrote it
 *
 * The REPL driver over @code (as /viva/code.py): each top-level statement
 * in turn, an expression's value shown as `>>>` shows it.
 *
 * Returns: (transfer full): the request
 */
VivaRunRequest *
viva_run_request_new_repl (const char *code)
{
  VivaRunRequest *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = viva_run_request_new_from_resource (VIVA_RUN_REPL_RESOURCE);
  viva_run_request_add_text_file (self, "code.py", code);

  return self;
}

/**
 * viva_run_request_add_file:
 * @name: a file name (see viva_run_request_is_valid_name()), not the
 *   script's and not one added before; at most %VIVA_RUN_MAX_FILES
 * @contents: what the file holds
 *
 * Adds a read-only file the script finds as /viva/NAME (or in $VIVA_DIR).
 */
void
viva_run_request_add_file (VivaRunRequest *self,
                           const char     *name,
                           GBytes         *contents)
{
  g_return_if_fail (VIVA_IS_RUN_REQUEST (self));
  g_return_if_fail (viva_run_request_is_valid_name (name));
  g_return_if_fail (g_strcmp0 (name, self->script_name) != 0);
  g_return_if_fail (contents != NULL);
  g_return_if_fail (self->file_names->len < VIVA_RUN_MAX_FILES);

  for (guint i = 0; i < self->file_names->len; i++)
    g_return_if_fail (g_strcmp0 (name, self->file_names->pdata[i]) != 0);

  g_ptr_array_add (self->file_names, g_strdup (name));
  g_ptr_array_add (self->file_contents, g_bytes_ref (contents));
}

void
viva_run_request_add_text_file (VivaRunRequest *self,
                                const char     *name,
                                const char     *text)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (text != NULL);

  bytes = g_bytes_new (text, strlen (text));
  viva_run_request_add_file (self, name, bytes);
}

/**
 * viva_run_request_set_args:
 * @args: (nullable): the script's arguments (sys.argv[1:])
 */
void
viva_run_request_set_args (VivaRunRequest     *self,
                           const char * const *args)
{
  g_return_if_fail (VIVA_IS_RUN_REQUEST (self));

  g_strfreev (self->args);
  self->args = args != NULL ? g_strdupv ((char **)args) : g_new0 (char *, 1);
}

/**
 * viva_run_request_set_time_limit:
 * @seconds: the wall-clock limit of this run, or 0 (the default) for the
 *   user's setting (`run-time-limit`)
 */
void
viva_run_request_set_time_limit (VivaRunRequest *self,
                                 guint           seconds)
{
  g_return_if_fail (VIVA_IS_RUN_REQUEST (self));

  self->time_limit = seconds;
}

const char *
viva_run_request_get_script_name (VivaRunRequest *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_REQUEST (self), NULL);

  return self->script_name;
}

GBytes *
viva_run_request_get_script (VivaRunRequest *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_REQUEST (self), NULL);

  return self->script;
}

guint
viva_run_request_get_n_files (VivaRunRequest *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_REQUEST (self), 0);

  return self->file_names->len;
}

const char *
viva_run_request_get_file (VivaRunRequest  *self,
                           guint            index,
                           GBytes         **out_contents)
{
  g_return_val_if_fail (VIVA_IS_RUN_REQUEST (self), NULL);
  g_return_val_if_fail (index < self->file_names->len, NULL);

  if (out_contents != NULL)
    *out_contents = self->file_contents->pdata[index];

  return self->file_names->pdata[index];
}

const char * const *
viva_run_request_get_args (VivaRunRequest *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_REQUEST (self), NULL);

  return (const char * const *)self->args;
}

guint
viva_run_request_get_time_limit (VivaRunRequest *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_REQUEST (self), 0);

  return self->time_limit;
}
