/* viva-run-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

#include "viva-run-private.h"
#include "viva-run-result.h"

typedef struct
{
  VivaRunStream  stream;
  GString       *text;
} Chunk;

struct _VivaRunResult
{
  GObject     parent_instance;

  /* Owned */
  GArray     *chunks;
  GBytes     *results;

  VivaRunEnd  end;
  int         exit_status;
  int         signal_number;
  guint64     output_bytes;
  gint64      wall_time;
  guint       time_limit;
  guint       output_cut : 1;
  guint       results_cut : 1;
  guint       sandboxed : 1;
};

G_DEFINE_FINAL_TYPE (VivaRunResult, viva_run_result, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (VivaRunEnd, viva_run_end,
  G_DEFINE_ENUM_VALUE (VIVA_RUN_EXITED, "exited"),
  G_DEFINE_ENUM_VALUE (VIVA_RUN_KILLED, "killed"),
  G_DEFINE_ENUM_VALUE (VIVA_RUN_TIMED_OUT, "timed-out"),
  G_DEFINE_ENUM_VALUE (VIVA_RUN_STOPPED, "stopped"))

static void
chunk_clear (gpointer data)
{
  Chunk *chunk = data;

  g_string_free (chunk->text, TRUE);
}

static void
viva_run_result_finalize (GObject *object)
{
  VivaRunResult *self = (VivaRunResult *)object;

  g_clear_pointer (&self->chunks, g_array_unref);
  g_clear_pointer (&self->results, g_bytes_unref);

  G_OBJECT_CLASS (viva_run_result_parent_class)->finalize (object);
}

static void
viva_run_result_class_init (VivaRunResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = viva_run_result_finalize;
}

static void
viva_run_result_init (VivaRunResult *self)
{
  self->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  g_array_set_clear_func (self->chunks, chunk_clear);
  self->results = g_bytes_new (NULL, 0);
}

VivaRunResult *
_viva_run_result_new (gboolean sandboxed,
                      guint    time_limit)
{
  VivaRunResult *self = g_object_new (VIVA_TYPE_RUN_RESULT, NULL);

  self->sandboxed = !!sandboxed;
  self->time_limit = time_limit;

  return self;
}

/* Text of the same stream as the last chunk joins it: a chunk is a run
 * of one stream, in the order the output came. */
void
_viva_run_result_append (VivaRunResult *self,
                         VivaRunStream  stream,
                         const char    *text)
{
  Chunk chunk;

  if (text[0] == '\0')
    return;

  if (self->chunks->len > 0)
    {
      Chunk *last = &g_array_index (self->chunks, Chunk, self->chunks->len - 1);

      if (last->stream == stream)
        {
          g_string_append (last->text, text);
          return;
        }
    }

  chunk.stream = stream;
  chunk.text = g_string_new (text);
  g_array_append_val (self->chunks, chunk);
}

void
_viva_run_result_set_end (VivaRunResult *self,
                          VivaRunEnd     end,
                          int            exit_status,
                          int            signal_number)
{
  self->end = end;
  self->exit_status = exit_status;
  self->signal_number = signal_number;
}

void
_viva_run_result_set_output (VivaRunResult *self,
                             guint64        output_bytes,
                             gboolean       output_cut)
{
  self->output_bytes = output_bytes;
  self->output_cut = !!output_cut;
}

void
_viva_run_result_set_results (VivaRunResult *self,
                              GBytes        *results,
                              gboolean       results_cut)
{
  g_clear_pointer (&self->results, g_bytes_unref);
  self->results = g_bytes_ref (results);
  self->results_cut = !!results_cut;
}

void
_viva_run_result_set_wall_time (VivaRunResult *self,
                                gint64         wall_time)
{
  self->wall_time = wall_time;
}

/**
 * _viva_run_append_safe_text:
 * @out: where the text goes
 * @data: bytes a program wrote
 * @len: their length
 * @at_end: whether nothing follows them
 *
 * Appends @data to @out as text any widget can show: valid UTF-8 as it
 * is; each invalid byte as U+FFFD; NUL and the other control characters
 * but tab, newline and carriage return as their visible symbols (U+2400
 * "␀" to U+241F, U+2421 "␡"), so that nothing cuts the text short or
 * hides in it. A character cut in two at the end of @data is left for
 * the next call unless @at_end.
 *
 * Returns: how many bytes of @data were used; the rest begins a
 *   character that continues in the next bytes
 */
gsize
_viva_run_append_safe_text (GString      *out,
                            const guint8 *data,
                            gsize         len,
                            gboolean      at_end)
{
  gsize i = 0;

  while (i < len)
    {
      guint8 c = data[i];
      gunichar ch;

      if (c < 0x80)
        {
          if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f))
            g_string_append_c (out, (char)c);
          else if (c == 0x7f)
            g_string_append_unichar (out, 0x2421);
          else
            g_string_append_unichar (out, 0x2400 + c);
          i++;
          continue;
        }

      ch = g_utf8_get_char_validated ((const char *)data + i, MIN (len - i, 6));
      if (ch == (gunichar)-2 && !at_end)
        return i;

      if (ch == (gunichar)-2)
        {
          /* A character begun and never finished: one replacement. */
          g_string_append_unichar (out, 0xFFFD);
          i = len;
          continue;
        }

      if (ch == (gunichar)-1)
        {
          g_string_append_unichar (out, 0xFFFD);
          i++;
          continue;
        }

      {
        gsize width = g_utf8_skip[c];

        g_string_append_len (out, (const char *)data + i, width);
        i += width;
      }
    }

  return i;
}

VivaRunEnd
viva_run_result_get_end (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), VIVA_RUN_EXITED);

  return self->end;
}

/**
 * viva_run_result_get_exit_status:
 *
 * Returns: the status the program exited with, when the end is
 *   %VIVA_RUN_EXITED; otherwise -1
 */
int
viva_run_result_get_exit_status (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), -1);

  return self->end == VIVA_RUN_EXITED ? self->exit_status : -1;
}

/**
 * viva_run_result_get_signal:
 *
 * In the sandbox, bubblewrap reports a program killed by signal N as the
 * exit status 128 + N (as a shell does), so `sys.exit(137)` also reads
 * as SIGKILL; nothing else can tell them apart from outside.
 *
 * Returns: the signal that killed the program when the end is
 *   %VIVA_RUN_KILLED; otherwise 0
 */
int
viva_run_result_get_signal (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), 0);

  return self->end == VIVA_RUN_KILLED ? self->signal_number : 0;
}

/**
 * viva_run_result_get_success:
 *
 * Returns: whether the program exited by itself with status 0
 */
gboolean
viva_run_result_get_success (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), FALSE);

  return self->end == VIVA_RUN_EXITED && self->exit_status == 0;
}

guint
viva_run_result_get_n_chunks (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), 0);

  return self->chunks->len;
}

/**
 * viva_run_result_get_chunk:
 * @index: below viva_run_result_get_n_chunks()
 * @out_stream: (out) (optional): which stream it came from
 *
 * Returns: the chunk's text: valid UTF-8, never empty
 */
const char *
viva_run_result_get_chunk (VivaRunResult *self,
                           guint          index,
                           VivaRunStream *out_stream)
{
  const Chunk *chunk;

  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), NULL);
  g_return_val_if_fail (index < self->chunks->len, NULL);

  chunk = &g_array_index (self->chunks, Chunk, index);
  if (out_stream != NULL)
    *out_stream = chunk->stream;

  return chunk->text->str;
}

/**
 * viva_run_result_dup_output:
 *
 * Returns: (transfer full): stdout and stderr together, in the order
 *   they came
 */
char *
viva_run_result_dup_output (VivaRunResult *self)
{
  GString *all;

  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), NULL);

  all = g_string_new (NULL);
  for (guint i = 0; i < self->chunks->len; i++)
    g_string_append (all, g_array_index (self->chunks, Chunk, i).text->str);

  return g_string_free (all, FALSE);
}

/**
 * viva_run_result_dup_stream:
 *
 * Returns: (transfer full): what came on @stream alone
 */
char *
viva_run_result_dup_stream (VivaRunResult *self,
                            VivaRunStream  stream)
{
  GString *all;

  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), NULL);

  all = g_string_new (NULL);
  for (guint i = 0; i < self->chunks->len; i++)
    {
      const Chunk *chunk = &g_array_index (self->chunks, Chunk, i);

      if (chunk->stream == stream)
        g_string_append (all, chunk->text->str);
    }

  return g_string_free (all, FALSE);
}

/**
 * viva_run_result_get_output_cut:
 *
 * Returns: whether stdout and stderr together passed
 *   %VIVA_RUN_OUTPUT_LIMIT_BYTES bytes: the chunks hold the first ones, the
 *   rest was read and thrown away
 */
gboolean
viva_run_result_get_output_cut (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), FALSE);

  return self->output_cut;
}

/**
 * viva_run_result_get_output_bytes:
 *
 * Returns: how many bytes the program wrote to stdout and stderr, kept
 *   or not
 */
guint64
viva_run_result_get_output_bytes (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), 0);

  return self->output_bytes;
}

/**
 * viva_run_result_get_results:
 *
 * Returns: (transfer none): the bytes the script wrote to fd 3, at most
 *   %VIVA_RUN_RESULTS_LIMIT_BYTES; empty when it wrote none
 */
GBytes *
viva_run_result_get_results (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), NULL);

  return self->results;
}

gboolean
viva_run_result_get_results_cut (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), FALSE);

  return self->results_cut;
}

/**
 * viva_run_result_get_wall_time:
 *
 * Returns: microseconds from the start of the sandbox to its end
 */
gint64
viva_run_result_get_wall_time (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), 0);

  return self->wall_time;
}

/**
 * viva_run_result_get_time_limit:
 *
 * Returns: the wall-clock limit the run had, in seconds
 */
guint
viva_run_result_get_time_limit (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), 0);

  return self->time_limit;
}

/**
 * viva_run_result_get_sandboxed:
 *
 * Returns: whether the code ran in the sandbox (FALSE only when the user
 *   allowed running without it)
 */
gboolean
viva_run_result_get_sandboxed (VivaRunResult *self)
{
  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), FALSE);

  return self->sandboxed;
}

/**
 * viva_run_result_dup_summary:
 *
 * One sentence for the user on how the run ended, and whether its output
 * was cut, e.g. "Exited with status 3." or "Stopped at the time limit of
 * 10 seconds."
 *
 * Returns: (transfer full): the translated sentence
 */
char *
viva_run_result_dup_summary (VivaRunResult *self)
{
  g_autofree char *end = NULL;

  g_return_val_if_fail (VIVA_IS_RUN_RESULT (self), NULL);

  switch (self->end)
    {
    case VIVA_RUN_EXITED:
      if (self->exit_status == 0)
        end = g_strdup (_("Finished."));
      else
        end = g_strdup_printf (_("Exited with status %d."), self->exit_status);
      break;

    case VIVA_RUN_KILLED:
      if (self->signal_number == SIGXCPU)
        end = g_strdup_printf (ngettext ("Stopped: it used more than %u second of processor time.",
                                         "Stopped: it used more than %u seconds of processor time.",
                                         self->time_limit),
                               self->time_limit);
      else if (self->signal_number == SIGXFSZ)
        end = g_strdup (_("Stopped: it wrote a file larger than allowed."));
      else
        /* TRANSLATORS: %d is a signal's number, %s its description, e.g. "Segmentation fault" */
        end = g_strdup_printf (_("Killed by signal %d (%s)."),
                               self->signal_number, g_strsignal (self->signal_number));
      break;

    case VIVA_RUN_TIMED_OUT:
      end = g_strdup_printf (ngettext ("Stopped at the time limit of %u second.",
                                       "Stopped at the time limit of %u seconds.",
                                       self->time_limit),
                             self->time_limit);
      break;

    case VIVA_RUN_STOPPED:
      end = g_strdup (_("Stopped."));
      break;

    default:
      g_assert_not_reached ();
    }

  if (self->output_cut)
    {
      g_autofree char *kept = g_format_size_full (VIVA_RUN_OUTPUT_LIMIT_BYTES, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *all = g_format_size_full (self->output_bytes, G_FORMAT_SIZE_IEC_UNITS);

      /* TRANSLATORS: the first %s is how much output is shown (1.0 MiB), the second how much there was */
      return g_strdup_printf (_("%s Output cut at %s of %s."), end, kept, all);
    }

  return g_steal_pointer (&end);
}
