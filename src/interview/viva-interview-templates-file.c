/* viva-interview-templates-file.c
 *
 * Where the interview templates live
 * ==================================
 *
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/interview-templates.json, mode
 * 0600 in a 0700 folder; all templates in one file, since they are few
 * and small and a list is saved whole:
 *
 *   {
 *     "format" : "viva-interview-templates",
 *     "version" : 1,
 *     "templates" : [
 *       {
 *         "name" : "Backend, 45 min",
 *         "total-budget" : 2700000000,
 *         "items" : [
 *           { "number" : 42, "question" : "How do you reverse a string?", "budget" : 300000000 },
 *           { "number" : 0, "question" : "Why this team?", "budget" : 0 }
 *         ]
 *       }
 *     ]
 *   }
 *
 *  - "templates": at most 200; "name" 1 byte to 4 KiB; "total-budget"
 *    and "budget" microseconds, 0 for none, at most 1,000 hours.
 *  - "items": at most 100, with the rules of an interview's plan: a bank
 *    "number" appears once at most, 0 is the interviewer's own question;
 *    "question" is 1 byte to 64 KiB. An item is read and written by
 *    viva_interview_file_get_plan_item() and _add_plan_item(), as an
 *    interview's are.
 *  - All members are required; others are ignored. A file whose
 *    "version" is higher than 1 loads read-only and is never written.
 *
 * Next to it: interview-templates.json.bak (the previous version, kept
 * at every save), interview-templates.json.lock (flock()ed while saving
 * or moving aside), interview-templates.json.corrupt-YYYYMMDD-HHMMSS (a
 * file that could not be read, moved aside unchanged).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-file-saver.h"
#include "viva-interview-file.h"
#include "viva-interview-private.h"
#include "viva-interview-store.h"
#include "viva-interview-template.h"

#define TEMPLATES_FORMAT         "viva-interview-templates"
#define TEMPLATES_FORMAT_VERSION 1
#define TEMPLATES_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
#define TEMPLATES_MAX_DEPTH      32


char *
viva_interview_templates_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "interview-templates.json", NULL);
}

void
viva_interview_templates_load_free (VivaInterviewTemplatesLoad *load)
{
  g_clear_pointer (&load->templates, g_ptr_array_unref);
  g_clear_pointer (&load->problem, g_free);
  g_clear_pointer (&load->moved_aside_path, g_free);
  g_free (load);
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID, message);
  return FALSE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           guint        max_len,
           GError     **error)
{
  JsonNode *node = json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > max_len)
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID,
                   _("“%s” is missing, not a list, or too long"), name);
      return NULL;
    }

  return json_node_get_array (node);
}

static VivaInterviewTemplate *
parse_template (JsonNode  *node,
                GError   **error)
{
  g_autoptr(VivaInterviewTemplate) template = NULL;
  JsonObject *object;
  JsonArray *items;
  const char *name;
  gint64 total_budget;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, _("a template is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!viva_data_file_get_string_member (object, "name", 1, VIVA_INTERVIEW_NAME_MAX_SIZE, FALSE,
                                         &name, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (object, "total-budget", 0, VIVA_INTERVIEW_DURATION_MAX,
                                      &total_budget, VIVA_INTERVIEW_STORE_ERROR, error) ||
      (items = get_array (object, "items", VIVA_INTERVIEW_MAX_ITEMS, error)) == NULL)
    return NULL;

  template = viva_interview_template_new (name);
  /* In range: viva_data_file_get_int_member() checked. */
  viva_interview_template_set_total_budget (template, total_budget);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item_node = json_array_get_element (items, i);
      JsonObject *item;
      const char *text;
      gint64 number;
      gint64 budget;

      if (!JSON_NODE_HOLDS_OBJECT (item_node))
        {
          set_invalid (error, _("an item of “items” is not an object"));
          return NULL;
        }

      item = json_node_get_object (item_node);
      if (!viva_interview_file_get_plan_item (item, &number, &text, &budget, error))
        return NULL;

      if (!viva_interview_template_append (template, (guint) number, text, budget, NULL))
        {
          set_invalid (error, _("a question is planned twice in “items”"));
          return NULL;
        }
    }

  return g_steal_pointer (&template);
}

/* Parses the file; for a newer version, still gives what it can read
 * and fails with FUTURE_VERSION. */
static GPtrArray *
parse_templates (const char  *data,
                 gsize        len,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *root;
  JsonNode *node;
  g_autoptr(GError) version_error = NULL;
  JsonArray *array;
  gboolean missing;
  gint64 version = 0;

  parser = viva_data_file_parse_json (data, len, TEMPLATES_MAX_DEPTH,
                                      VIVA_INTERVIEW_STORE_ERROR, &root, error);
  if (parser == NULL)
    return NULL;

  node = viva_json_object_get_value_member (root, "format", G_TYPE_STRING, &missing);
  if (node == NULL || g_strcmp0 (json_node_get_string (node), TEMPLATES_FORMAT) != 0)
    {
      set_invalid (error, _("this is not a list of Viva interview templates"));
      return NULL;
    }

  if (viva_data_file_get_version (parser, root, TEMPLATES_FORMAT_VERSION, TEMPLATES_FORMAT_VERSION,
                                  &version, VIVA_INTERVIEW_STORE_ERROR, &version_error) == VIVA_DATA_FILE_VERSION_INVALID)
    {
      g_propagate_error (error, g_steal_pointer (&version_error));
      return NULL;
    }

  array = get_array (root, "templates", VIVA_INTERVIEW_TEMPLATES_MAX,
                     version > TEMPLATES_FORMAT_VERSION ? NULL : error);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      VivaInterviewTemplate *template = parse_template (json_array_get_element (array, i),
                                                        version > TEMPLATES_FORMAT_VERSION ? NULL : error);

      if (template == NULL)
        {
          if (version > TEMPLATES_FORMAT_VERSION)
            continue;
          return NULL;
        }

      g_ptr_array_add (templates, template);
    }

  if (version > TEMPLATES_FORMAT_VERSION)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION,
                           _("The interview templates were saved by a newer version of Viva; they can be used but not changed"));
      return g_steal_pointer (&templates);
    }

  if (array == NULL)
    return NULL;

  return g_steal_pointer (&templates);
}

static char *
dup_lock_path (const char *path)
{
  return g_strconcat (path, ".lock", NULL);
}

/**
 * viva_interview_templates_load:
 * @path: the templates file
 *
 * Reads the templates. A missing file is no template. A damaged file is
 * moved aside byte for byte (under the lock) and reported in
 * @problem, with no template; a newer one loads read-only. Blocking.
 *
 * Returns: (transfer full): what was loaded, never %NULL
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_load (const char *path)
{
  VivaInterviewTemplatesLoad *load = g_new0 (VivaInterviewTemplatesLoad, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, load);

  if (!viva_data_file_read (path, TEMPLATES_MAX_SIZE, VIVA_INTERVIEW_STORE_ERROR,
                            &load->stamp, &data, &len, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* Cannot be read at all: not ours to replace. */
          load->problem = g_strdup (error->message);
          load->read_only = TRUE;
        }
      load->templates = g_ptr_array_new_with_free_func (g_object_unref);
      return load;
    }

  load->templates = parse_templates (data, len, &error);

  if (g_error_matches (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION))
    {
      load->read_only = TRUE;
      return load;
    }

  if (error != NULL)
    {
      g_autofree char *lock_path = dup_lock_path (path);
      g_autoptr(GError) move_error = NULL;
      int lock_fd = viva_data_file_lock (lock_path);

      load->templates = g_ptr_array_new_with_free_func (g_object_unref);
      load->problem = g_strdup (error->message);

      if (lock_fd >= 0 &&
          viva_data_file_move_aside_locked (path, &load->stamp, &load->moved_aside_path, &move_error) == VIVA_MOVE_ASIDE_DONE)
        load->stamp.exists = FALSE;
      else
        load->read_only = TRUE;   /* left where it is, and never overwritten */

      if (lock_fd >= 0)
        close (lock_fd);
    }

  return load;
}

static JsonNode *
build_templates (GPtrArray *templates)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, TEMPLATES_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TEMPLATES_FORMAT_VERSION);
  json_builder_set_member_name (builder, "templates");
  json_builder_begin_array (builder);

  for (guint i = 0; i < templates->len; i++)
    {
      VivaInterviewTemplate *template = g_ptr_array_index (templates, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, viva_interview_template_get_name (template));
      json_builder_set_member_name (builder, "total-budget");
      json_builder_add_int_value (builder, viva_interview_template_get_total_budget (template));
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint j = 0; j < viva_interview_template_get_n_items (template); j++)
        {
          const VivaInterviewTemplateItem *item = viva_interview_template_get_item (template, j);

          json_builder_begin_object (builder);
          viva_interview_file_add_plan_item (builder, item->number, item->text, item->budget);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
set_save_error (GError     **error,
                GQuark       domain,
                gint         code,
                int          errsv,
                const char  *path,
                const char  *reason,
                gpointer     user_data)
{
  g_set_error (error, domain, errsv != 0 ? g_file_error_from_errno (errsv) : code,
               _("Could not save the interview templates to “%s”: %s"), path, reason);
}

/* Overwrites only a file we can read as ours, whoever wrote it last
 * (the file is small): never one from a newer version, nor one that is
 * damaged and could not be moved aside. When someone else wrote it since
 * we read it, theirs stays as the backup. Holding the lock. */
static gboolean
check_changed_on_disk (gpointer        user_data,
                       VivaFileStamp  *current,
                       gboolean       *may_write,
                       GError        **error)
{
  const char *path = user_data;
  g_autofree char *disk = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize disk_len = 0;

  *may_write = TRUE;

  if (!viva_data_file_read (path, TEMPLATES_MAX_SIZE, VIVA_INTERVIEW_STORE_ERROR,
                            current, &disk, &disk_len, &read_error) ||
      (theirs = parse_templates (disk, disk_len, &read_error)) == NULL ||
      read_error != NULL)
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY,
                   _("Could not save the interview templates to “%s”: another program changed it (%s), so it was left as it is"),
                   path, read_error != NULL ? read_error->message : "");
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_interview_templates_save:
 * @path: the templates file
 * @templates: (element-type VivaInterviewTemplate): all of them
 * @stamp: (inout): the file as last read or written; updated
 * @error: return location for an error
 *
 * Replaces the file atomically, keeping the previous one as ".bak".
 * Refuses to replace a file we cannot read as ours (a newer version, a
 * damaged file that could not be moved aside), whatever @stamp says.
 * Blocking.
 */
gboolean
viva_interview_templates_save (const char     *path,
                               GPtrArray      *templates,
                               VivaFileStamp  *stamp,
                               GError        **error)
{
  g_autofree char *lock_path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const VivaFileStamp unknown = { 0 };
  VivaDataFileWriteResult result;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (templates != NULL, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  if (templates->len > VIVA_INTERVIEW_TEMPLATES_MAX)
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE,
                   ngettext ("There can be at most %u interview template",
                             "There can be at most %u interview templates",
                             VIVA_INTERVIEW_TEMPLATES_MAX),
                   VIVA_INTERVIEW_TEMPLATES_MAX);
      return FALSE;
    }

  root = build_templates (templates);
  bytes = viva_data_file_generate (root);
  lock_path = dup_lock_path (path);

  /* The templates are saved whole, each edit after reading them again:
   * nothing to merge and nothing to cancel. No stamp is expected, so that
   * check_changed_on_disk() reads every file there, whatever @stamp
   * says. */
  return viva_data_file_write (path, lock_path, bytes, &unknown, NULL,
                               check_changed_on_disk, set_save_error, (gpointer) path,
                               stamp, &result, error);
}

/* In a thread: the file may sit in a slow sync folder. */

static void
templates_load_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *path = task_data;

  g_task_return_pointer (task, viva_interview_templates_load (path),
                         (GDestroyNotify) viva_interview_templates_load_free);
}

/**
 * viva_interview_templates_load_async:
 * @path: the templates file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * viva_interview_templates_load() in a worker thread.
 */
void
viva_interview_templates_load_async (const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_interview_templates_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, templates_load_thread);
}

/**
 * viva_interview_templates_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Fails only when cancelled: a file that cannot be read is reported in
 * the load's @problem.
 *
 * Returns: (transfer full): what was loaded, or %NULL with @error set
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_load_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_interview_templates_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Editing the file: each edit reads it again first, under the same
 * rules as a load, so that templates saved meanwhile by another Viva
 * window are kept; changes only what it names; and writes the list
 * back. A file that loads read-only is never written. */

static VivaInterviewTemplatesLoad *
templates_load_writable (const char  *path,
                         GError     **error)
{
  g_autoptr(VivaInterviewTemplatesLoad) load = viva_interview_templates_load (path);

  if (load->read_only)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY,
                           load->problem != NULL
                           ? load->problem
                           : _("The interview templates were saved by a newer version of Viva: they can be used but not changed"));
      return NULL;
    }

  return g_steal_pointer (&load);
}

static int
templates_find (GPtrArray  *templates,
                const char *name)
{
  for (guint i = 0; i < templates->len; i++)
    {
      if (g_str_equal (viva_interview_template_get_name (g_ptr_array_index (templates, i)), name))
        return (int) i;
    }

  return -1;
}

static VivaInterviewTemplatesLoad *
templates_write (const char                  *path,
                 VivaInterviewTemplatesLoad  *load,
                 GError                     **error)
{
  if (!viva_interview_templates_save (path, load->templates, &load->stamp, error))
    {
      viva_interview_templates_load_free (load);
      return NULL;
    }

  return load;
}

/**
 * viva_interview_templates_add:
 * @path: the templates file
 * @template: the template to save
 * @error: return location for a #GError
 *
 * Adds @template to the file as it is now, replacing one of the same
 * name (saving "Backend, 45 min" again updates it); @template goes last.
 * Blocking.
 *
 * Returns: (transfer full): the file as written, or %NULL with @error
 *   set: %VIVA_INTERVIEW_STORE_ERROR_READ_ONLY for a file that is not
 *   ours to write, or why the write failed
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_add (const char             *path,
                              VivaInterviewTemplate  *template,
                              GError                **error)
{
  VivaInterviewTemplatesLoad *load;
  int found;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (template), NULL);

  if ((load = templates_load_writable (path, error)) == NULL)
    return NULL;

  while ((found = templates_find (load->templates, viva_interview_template_get_name (template))) >= 0)
    g_ptr_array_remove_index (load->templates, found);
  g_ptr_array_add (load->templates, g_object_ref (template));

  return templates_write (path, load, error);
}

/**
 * viva_interview_templates_rename:
 * @path: the templates file
 * @name: the template's name now
 * @new_name: its new name
 * @error: return location for a #GError
 *
 * Renames the template @name of the file as it is now, in its place.
 * Fails with %VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND when the file has no
 * such template (deleted meanwhile), and as
 * viva_interview_templates_check_name() does when @new_name is empty,
 * too long or another template's. Blocking.
 *
 * Returns: (transfer full): the file as written, or %NULL with @error set
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_rename (const char  *path,
                                 const char  *name,
                                 const char  *new_name,
                                 GError     **error)
{
  VivaInterviewTemplatesLoad *load;
  int found;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (new_name != NULL, NULL);

  if ((load = templates_load_writable (path, error)) == NULL)
    return NULL;

  if ((found = templates_find (load->templates, name)) < 0)
    {
      /* Translators: %s is a template's name. */
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND,
                   _("There is no template named “%s” any more"), name);
      viva_interview_templates_load_free (load);
      return NULL;
    }

  if (!viva_interview_templates_check_name (load->templates, new_name, name, error))
    {
      viva_interview_templates_load_free (load);
      return NULL;
    }

  if (g_str_equal (name, new_name))
    return load;

  viva_interview_template_set_name (g_ptr_array_index (load->templates, found), new_name);

  return templates_write (path, load, error);
}

/**
 * viva_interview_templates_delete:
 * @path: the templates file
 * @name: the template's name
 * @error: return location for a #GError
 *
 * Removes the template @name from the file as it is now. One that is
 * already gone is not an error. Blocking.
 *
 * Returns: (transfer full): the file as written, or %NULL with @error set
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_delete (const char  *path,
                                 const char  *name,
                                 GError     **error)
{
  VivaInterviewTemplatesLoad *load;
  int found;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((load = templates_load_writable (path, error)) == NULL)
    return NULL;

  if ((found = templates_find (load->templates, name)) < 0)
    return load;

  while (found >= 0)
    {
      g_ptr_array_remove_index (load->templates, found);
      found = templates_find (load->templates, name);
    }

  return templates_write (path, load, error);
}

/**
 * viva_interview_templates_restore:
 * @path: the templates file
 * @template: a template deleted a moment ago
 * @position: where it was in the list
 * @error: return location for a #GError
 *
 * Undoes viva_interview_templates_delete(): puts @template back at
 * @position (last, if the list is now shorter). Fails with
 * %VIVA_INTERVIEW_STORE_ERROR_EXISTS when a template of its name was
 * saved meanwhile, rather than replace it. Blocking.
 *
 * Returns: (transfer full): the file as written, or %NULL with @error set
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_restore (const char             *path,
                                  VivaInterviewTemplate  *template,
                                  guint                   position,
                                  GError                **error)
{
  VivaInterviewTemplatesLoad *load;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (template), NULL);

  if ((load = templates_load_writable (path, error)) == NULL)
    return NULL;

  if (!viva_interview_templates_check_name (load->templates, viva_interview_template_get_name (template), NULL, error))
    {
      viva_interview_templates_load_free (load);
      return NULL;
    }

  g_ptr_array_insert (load->templates, (int) MIN (position, load->templates->len), g_object_ref (template));

  return templates_write (path, load, error);
}

/* The same edits in a thread: the file may sit in a slow sync folder,
 * and the write fsyncs. */

typedef enum
{
  EDIT_ADD,
  EDIT_RENAME,
  EDIT_DELETE,
  EDIT_RESTORE,
} EditKind;

typedef struct
{
  EditKind               kind;
  char                  *path;
  char                  *name;
  char                  *new_name;
  VivaInterviewTemplate *template;
  guint                  position;
} EditData;

static void
edit_data_free (EditData *data)
{
  g_free (data->path);
  g_free (data->name);
  g_free (data->new_name);
  g_clear_object (&data->template);
  g_free (data);
}

static void
templates_edit_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  EditData *data = task_data;
  VivaInterviewTemplatesLoad *load = NULL;
  GError *error = NULL;

  switch (data->kind)
    {
    case EDIT_ADD:
      load = viva_interview_templates_add (data->path, data->template, &error);
      break;
    case EDIT_RENAME:
      load = viva_interview_templates_rename (data->path, data->name, data->new_name, &error);
      break;
    case EDIT_DELETE:
      load = viva_interview_templates_delete (data->path, data->name, &error);
      break;
    case EDIT_RESTORE:
      load = viva_interview_templates_restore (data->path, data->template, data->position, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (load == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, load, (GDestroyNotify) viva_interview_templates_load_free);
}

typedef struct
{
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  GApplication        *application;
} EditClosure;

/* Answers the caller, then lets the application go. */
static void
templates_edit_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  EditClosure *closure = user_data;

  if (closure->callback != NULL)
    closure->callback (object, result, closure->user_data);

  viva_file_saver_release_application (closure->application);
  g_free (closure);
}

/* The one way into the worker: each public _async() below names its
 * edit and what it needs, and this keeps a copy for the thread. */
static void
templates_edit_async (EditKind               kind,
                      const char            *path,
                      const char            *name,
                      const char            *new_name,
                      VivaInterviewTemplate *template,
                      guint                  position,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  EditData *data = g_new0 (EditData, 1);
  EditClosure *closure = g_new0 (EditClosure, 1);

  data->kind = kind;
  data->path = g_strdup (path);
  data->name = g_strdup (name);
  data->new_name = g_strdup (new_name);
  data->template = template != NULL ? g_object_ref (template) : NULL;
  data->position = position;

  /* As every write of user data: quitting waits for the edit. */
  closure->callback = callback;
  closure->user_data = user_data;
  closure->application = viva_file_saver_hold_application ();

  task = g_task_new (NULL, cancellable, templates_edit_cb, closure);
  /* One source tag for every edit: one _finish() for them all. */
  g_task_set_source_tag (task, viva_interview_templates_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) edit_data_free);
  g_task_run_in_thread (task, templates_edit_thread);
}

/**
 * viva_interview_templates_save_async:
 * @path: the templates file
 * @template: the template to save
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * viva_interview_templates_add() in a worker thread; finish with
 * viva_interview_templates_save_finish().
 */
void
viva_interview_templates_save_async (const char            *path,
                                     VivaInterviewTemplate *template,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (template));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  templates_edit_async (EDIT_ADD, path, NULL, NULL, template, 0, cancellable, callback, user_data);
}

/**
 * viva_interview_templates_rename_async:
 *
 * viva_interview_templates_rename() in a worker thread; finish with
 * viva_interview_templates_save_finish().
 */
void
viva_interview_templates_rename_async (const char          *path,
                                       const char          *name,
                                       const char          *new_name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (new_name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  templates_edit_async (EDIT_RENAME, path, name, new_name, NULL, 0, cancellable, callback, user_data);
}

/**
 * viva_interview_templates_delete_async:
 *
 * viva_interview_templates_delete() in a worker thread; finish with
 * viva_interview_templates_save_finish().
 */
void
viva_interview_templates_delete_async (const char          *path,
                                       const char          *name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  templates_edit_async (EDIT_DELETE, path, name, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * viva_interview_templates_restore_async:
 *
 * viva_interview_templates_restore() in a worker thread; finish with
 * viva_interview_templates_save_finish().
 */
void
viva_interview_templates_restore_async (const char            *path,
                                        VivaInterviewTemplate *template,
                                        guint                  position,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (template));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  templates_edit_async (EDIT_RESTORE, path, NULL, NULL, template, position, cancellable, callback, user_data);
}

/**
 * viva_interview_templates_save_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes any of the edits: save (add), rename, delete, restore.
 *
 * Returns: (transfer full): the file as written, or %NULL with @error
 *   set: %VIVA_INTERVIEW_STORE_ERROR_READ_ONLY for a file that is not
 *   ours to write, or why the edit or the write failed
 */
VivaInterviewTemplatesLoad *
viva_interview_templates_save_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_interview_templates_save_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
