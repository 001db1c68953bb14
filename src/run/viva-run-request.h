/* viva-run-request.h
 *
 * What one run of Python is given: a script (its name and text), the
 * read-only files it finds beside it in /viva/ (name -> bytes), its
 * arguments and, if not the user's setting, its time limit. Built by the
 * caller, read by VivaPythonRunner. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIVA_TYPE_RUN_REQUEST (viva_run_request_get_type ())

G_DECLARE_FINAL_TYPE (VivaRunRequest, viva_run_request, VIVA, RUN_REQUEST, GObject)

/* The most files a request can add. */
#define VIVA_RUN_MAX_FILES 64

/* The resource of the REPL driver (viva-repl.py). */
#define VIVA_RUN_REPL_RESOURCE "/io/github/vivaprep/Viva/run/viva-repl.py"

VivaRunRequest      *viva_run_request_new            (const char         *script_name,
                                                      GBytes             *script);
VivaRunRequest      *viva_run_request_new_from_resource (const char      *resource_path);
VivaRunRequest      *viva_run_request_new_repl       (const char         *code);
gboolean             viva_run_request_is_valid_name  (const char         *name);
void                 viva_run_request_add_file       (VivaRunRequest     *self,
                                                      const char         *name,
                                                      GBytes             *contents);
void                 viva_run_request_add_text_file  (VivaRunRequest     *self,
                                                      const char         *name,
                                                      const char         *text);
void                 viva_run_request_set_args       (VivaRunRequest     *self,
                                                      const char * const *args);
void                 viva_run_request_set_time_limit (VivaRunRequest     *self,
                                                      guint               seconds);
const char          *viva_run_request_get_script_name (VivaRunRequest    *self);
GBytes              *viva_run_request_get_script     (VivaRunRequest     *self);
guint                viva_run_request_get_n_files    (VivaRunRequest     *self);
const char          *viva_run_request_get_file       (VivaRunRequest     *self,
                                                      guint               index,
                                                      GBytes            **out_contents);
const char * const  *viva_run_request_get_args       (VivaRunRequest     *self);
guint                viva_run_request_get_time_limit (VivaRunRequest     *self);

G_END_DECLS
