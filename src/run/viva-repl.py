# viva-repl.py: Viva's REPL driver (see src/run/viva-python-runner.h).
#
# Runs $VIVA_DIR/code.py (/viva/code.py in the sandbox) as the
# interactive interpreter shows it: each top-level statement in turn; an
# expression statement's value printed as `>>>` prints it (sys.displayhook:
# repr, None not shown), with print output and tracebacks in order. An
# error does not stop the statements after it, as when they are typed at
# `>>>`; sys.exit() does, with its status. A syntax error anywhere is
# reported as the interpreter reports it, and nothing runs. The exit
# status is 0 when every statement ran without an error, else 1 (or
# sys.exit()'s).
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Only what starts fast: ast (enum, contextlib...) and traceback
# (linecache, tokenize, re...) would double the time to the first output;
# _ast parses as well, and traceback is imported when there is an error.
import _ast
import builtins
import fcntl
import os
import sys
import termios
import time

FILENAME = "code.py"
# How long a switch between stdout and stderr waits for Viva to read what
# the other stream wrote before it.
HANDOFF_SECONDS = 0.25


class OrderedStream:
    """sys.stdout or sys.stderr, kept in order with the other one.

    They are two pipes, which Viva reads as data comes; a traceback
    written just after a print could be read first. So before writing to
    one stream after the other, wait (briefly) until the other's pipe is
    empty, i.e. Viva has read it.
    """

    last_fd = None

    def __init__(self, stream):
        self._stream = stream
        self._fd = stream.fileno()

    def write(self, text):
        last = OrderedStream.last_fd
        if last is not None and last != self._fd:
            wait_until_read(last)
        OrderedStream.last_fd = self._fd
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def wait_until_read(fd):
    unread = bytearray(4)
    deadline = time.monotonic() + HANDOFF_SECONDS
    while time.monotonic() < deadline:
        try:
            fcntl.ioctl(fd, termios.FIONREAD, unread)
        except OSError:
            return
        if int.from_bytes(unread, sys.byteorder) == 0:
            return
        time.sleep(0.0005)


def report(exc, source):
    import linecache
    import traceback

    # Tracebacks show the user's lines.
    lines = source.splitlines(keepends=True)
    linecache.cache[FILENAME] = (len(source), None, lines, FILENAME)

    # Drop this driver's frames: the user sees their own code only.
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb, file=sys.stderr)


def main():
    sys.stdout = OrderedStream(sys.stdout)
    sys.stderr = OrderedStream(sys.stderr)

    path = os.path.join(os.environ.get("VIVA_DIR", "/viva"), FILENAME)
    with open(path, "rb") as f:
        source = f.read().decode("utf-8", errors="replace")

    try:
        tree = compile(source, FILENAME, "exec", _ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError) as exc:
        import traceback

        traceback.print_exception(type(exc), exc, None, file=sys.stderr)
        return 1

    namespace = {"__name__": "__main__", "__builtins__": builtins, "__file__": FILENAME}
    sys.argv = [FILENAME]
    status = 0

    for statement in tree.body:
        try:
            # "single" is what the interactive interpreter compiles each
            # input with: expression values go to sys.displayhook.
            code = compile(_ast.Interactive(body=[statement]), FILENAME, "single")
            exec(code, namespace)
        except SystemExit:
            raise
        except BaseException as exc:
            report(exc, source)
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()

    return status


if __name__ == "__main__":
    sys.exit(main())
