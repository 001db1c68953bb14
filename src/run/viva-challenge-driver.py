# viva-challenge-driver.py: runs a coding challenge's test cases against
# the user's code, inside the sandbox.
#
#   python3 -I viva-challenge-driver.py [CODE.py CASES.json]
#
# Reads the user's code from code.py and the cases from cases.json in
# $VIVA_DIR (/viva in the sandbox; the runner sets it), or the two paths
# given, so that tests can run it directly; runs each case, and writes
# the results as one JSON document to file descriptor 3. What the user's code prints still goes to stdout.
#
# cases.json (built by src/run/viva-challenge.c):
#   {"version": 1, "entries": ["is_palindrome"], "prelude": "...",
#    "case-time-limit-ms": 5000, "discover": 12,
#    "cases": [{"name": "...", "call": "is_palindrome('')",
#               "expected": "True", "raises": "IndexError",
#               "output": "1\n2\n", "unordered": false}]}
#
# The results, one case per line, written as each case ends, so that a
# run stopped by the time limit still says which cases finished:
#   {"version": 1, "load_error": null, "asserts": "assert f(1) == 2",
#    "found": ["test_one", "test_two"], "cases": [
#   {"index": 0, "passed": true, "actual": "True", "stdout": "", "error": null},
#   {"index": 1, "passed": false, "actual": null, "stdout": "",
#    "error": "Traceback ... AssertionError", "assertion": true},
#   ...
#   ]}
#
# How a case runs: the driver itself never runs the user's code. It forks
# a process that runs the prelude and the code as a module named
# "solution", as a test that imports it would (so an
# `if __name__ == "__main__":` block does not run; a load that fails gives
# "load_error", its traceback, and no case runs; a name in "entries" the
# code does not define is a load error too), then one process per case,
# each loading the code afresh, so that neither the code's globals, nor a
# class attribute, nor a builtin the code replaced, leaks from one case
# into the next. A case's "call" is Python source; its last line, when it
# is an expression, is the value compared. Statements before it run first.
# The value passes when it matches "expected" (a Python literal, read with
# ast.literal_eval), when it raises the exception named by "raises" (or a
# subclass), and when what the case printed matches "output"; a case may
# ask for several of these and must then meet all of them. Matching is ==
# with three refinements a coding site makes too: a bool matches only a
# bool (1 is not True), a float matches within math.isclose(rel_tol=1e-9,
# abs_tol=1e-9), applied inside lists, tuples and dicts, and "unordered"
# compares a list or tuple as a multiset. Printed output matches when the
# texts are equal after trailing spaces at the end of each line and
# trailing blank lines are dropped.
#
# Tests the driver finds ("discover", a Run Tests with no challenge):
# when cases.json sets "discover" to a number N (0 or more) and the
# code loads, the driver also runs, after the cases sent, the code's
# top-level assert statements, which ran as it loaded (they passed, or
# the load failed with their traceback; those under
# `if __name__ == "__main__":` did not run), as one case that passed,
# whose source the header gives in "asserts"; then each function the code
# defines at the top level whose name starts with "test_" and that
# takes no argument, in the order the code defines them, at most N,
# named in "found", each as a case whose call is "test_name()" and that
# passes when it returns without an exception. Generators and
# coroutines are not called (they would pass without running). Their
# results' indices follow the cases sent: the asserts' first, when
# there are any.
#
# Each case ends with every process it made: its process group is
# killed, and the driver, the subreaper of its descendants, kills and
# reaps any that left the group (setsid), so that the next case has the
# processor and the sandbox's 32 processes to itself.
#
# A case that raises gives its traceback in "error" (the driver's own
# frames left out); a case that calls sys.exit() is an error with the
# SystemExit traceback; one that ends its process (os._exit, a signal)
# or runs past the time limit is an error that says so.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import ast
import builtins
import io
import linecache
import marshal
import math
import os
import select
import signal
import sys
import time
import traceback

VERSION = 1
RESULTS_FD = 3
# What one case may keep of each text, in characters; the rest is cut
# and marked. The runner caps the whole output on its own.
TEXT_CAP = 64 * 1024
DEFAULT_CASE_TIME_LIMIT = 5.0
CUT_MARK = "\n… (cut)"
# The most the asserts' source and a test's name may take, in bytes of
# UTF-8: what Viva reads as a case's call and name (viva-code-case.h).
ASSERTS_CAP = 60 * 1024
NAME_CAP = 250

# The user's code may replace builtins, sys.stdout, or the modules the
# driver uses; the driver keeps its own references from before any of it
# runs, and every process that ran user code puts builtins back before
# the driver's code runs again.
_SAVED_MODULES = (builtins, os, io, ast, linecache, marshal, math, select,
                  signal, time, traceback)
_saved_dicts = [(m.__dict__, dict(m.__dict__)) for m in _SAVED_MODULES]
_os_write = os.write
_os_exit = os._exit
_marshal_dumps = marshal.dumps
_marshal_loads = marshal.loads
_isinstance = isinstance
_repr = repr
_type = type
_len = len
_str = str
_object_repr = object.__repr__
_function_type = _type(lambda: None)


# Whether the driver is its descendants' subreaper (become_subreaper()).
_subreaper = False
# How many test_ functions the load check may report ("discover"); None
# when the driver finds no tests of its own.
_discover = None
# The code object flags of a generator, a coroutine, an async generator
# and a generator turned coroutine (inspect.CO_*): calling one runs none
# of its body.
_CO_NOT_RUN_BY_A_CALL = 0x20 | 0x80 | 0x100 | 0x200


class DriverError(Exception):
    """cases.json, or one case of it, is not what the driver can run.
    @kind says which, for Viva to word it in the user's language."""

    def __init__(self, message, kind="bad-case"):
        super().__init__(message)
        self.kind = kind


def restore_builtins():
    """Puts back the builtins and the modules the driver uses, as they
    were before any user code ran."""
    for current, saved in _saved_dicts:
        for name in [n for n in current if n not in saved]:
            del current[name]
        current.update(saved)


def cut(text):
    if _len(text) > TEXT_CAP:
        return text[:TEXT_CAP] + CUT_MARK
    return text


def clean_text(text):
    """A str that encodes to valid UTF-8 without NULs: lone surrogates
    become U+FFFD, NUL becomes U+2400 (the symbol for NUL), so that the
    JSON reader on the other side never refuses the whole document."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text.replace("\0", "\u2400")


def json_string(text):
    out = ['"']
    for ch in clean_text(text):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029\x7f":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def json_value(value):
    if _isinstance(value, dict):
        return json_object(value.items())
    if _isinstance(value, list):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if _isinstance(value, int):
        return "%d" % value
    return json_string(value)


def json_object(pairs):
    return "{" + ", ".join(json_string(k) + ": " + json_value(v) for k, v in pairs) + "}"


def write_results(text):
    data = text.encode("utf-8")
    while data:
        try:
            n = _os_write(RESULTS_FD, data)
        except InterruptedError:
            continue
        except OSError:
            # Nobody reads the results: nothing more to do with them.
            return
        data = data[n:]


# --- Reading the input ------------------------------------------------------

def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def is_identifier(name):
    return _isinstance(name, str) and name.isidentifier()


def read_cases(path):
    import json

    try:
        doc = json.loads(read_text(path))
    except (OSError, ValueError) as e:
        raise DriverError("cannot read the cases: %s" % e)
    if not _isinstance(doc, dict) or doc.get("version") != VERSION:
        raise DriverError("the cases are not version %d" % VERSION)
    entries = doc.get("entries", [])
    prelude = doc.get("prelude", "")
    cases = doc.get("cases")
    limit = doc.get("case-time-limit-ms", DEFAULT_CASE_TIME_LIMIT * 1000)
    if not _isinstance(entries, list) or not all(is_identifier(e) for e in entries):
        raise DriverError("“entries” is not a list of names")
    if not _isinstance(prelude, str):
        raise DriverError("“prelude” is not a string")
    if not _isinstance(cases, list) or not all(_isinstance(c, dict) for c in cases):
        raise DriverError("“cases” is not a list of objects")
    if _isinstance(limit, bool) or not _isinstance(limit, (int, float)) or not 0 < limit <= 3600000:
        raise DriverError("“case-time-limit-ms” is not a number of milliseconds")
    discover = doc.get("discover")
    if discover is not None and (_isinstance(discover, bool) or not _isinstance(discover, int)
                                 or not 0 <= discover <= 500):
        raise DriverError("“discover” is not a number of tests")
    return entries, prelude, cases, limit / 1000, discover


class Case:
    """A case made ready before any user code runs: its call compiled,
    its expected value read."""

    def __init__(self, spec, index):
        self.index = index
        self.problem = None
        self.statements = None
        self.expression = None
        self.has_expected = "expected" in spec
        self.expected = None
        self.raises = spec.get("raises")
        self.output = spec.get("output")
        self.unordered = spec.get("unordered", False) is True
        filename = "case %d" % (index + 1)
        call = spec.get("call")
        try:
            if not _isinstance(call, str):
                raise DriverError("the case has no “call”")
            if self.raises is not None and not is_identifier(self.raises):
                raise DriverError("“raises” is not the name of an exception")
            if self.output is not None and not _isinstance(self.output, str):
                raise DriverError("“output” is not a string")
            if self.has_expected:
                if not _isinstance(spec["expected"], str):
                    raise DriverError("“expected” is not a string")
                try:
                    self.expected = ast.literal_eval(spec["expected"].strip())
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as e:
                    raise DriverError("“expected” is not a Python literal: %s" % e,
                                      "bad-expected")
            remember_source(filename, call)
            try:
                tree = ast.parse(call, filename, "exec")
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                raise DriverError("".join(traceback.format_exception_only(*sys.exc_info()[:2])),
                                  "bad-call")
            if tree.body and _isinstance(tree.body[-1], ast.Expr):
                last = tree.body.pop()
                self.expression = compile(ast.Expression(last.value), filename, "eval")
            elif self.has_expected:
                raise DriverError("the case's call does not end with an expression to compare")
            self.statements = compile(tree, filename, "exec")
        except DriverError as e:
            self.problem = {"kind": e.kind, "detail": str(e)}
        except Exception as e:  # compile() refusing something ast accepted
            self.problem = {"kind": "bad-case", "detail": str(e)}


def remember_source(filename, text):
    """Lets tracebacks quote the lines of code that is not in a file."""
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    linecache.cache[filename] = (_len(text), None, lines, filename)


# --- Matching ---------------------------------------------------------------

def matches(expected, actual):
    if _isinstance(expected, bool) or _isinstance(actual, bool):
        return _type(expected) is _type(actual) and expected == actual
    if _isinstance(expected, float) and _isinstance(actual, (int, float)):
        if math.isnan(expected):
            return _isinstance(actual, float) and math.isnan(actual)
        return math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
    if _isinstance(expected, (list, tuple)):
        return (_type(actual) is _type(expected) and _len(actual) == _len(expected)
                and all(matches(e, a) for e, a in zip(expected, actual)))
    if _isinstance(expected, dict):
        return (_isinstance(actual, dict) and actual.keys() == expected.keys()
                and all(matches(expected[k], actual[k]) for k in expected))
    return bool(expected == actual)


def matches_unordered(expected, actual):
    if not _isinstance(actual, (list, tuple)) or not _isinstance(expected, (list, tuple)):
        return matches(expected, actual)
    left = list(actual)
    if _len(left) != _len(expected):
        return False
    for e in expected:
        for i, a in enumerate(left):
            if matches(e, a):
                del left[i]
                break
        else:
            return False
    return True


def normalize_output(text):
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def exception_matches(exc, name):
    return any(k.__name__ == name for k in _type(exc).__mro__)


# --- In the process that runs user code -------------------------------------

def user_traceback(exc):
    """The exception as the interpreter prints it, without the driver's
    frames: the user's code, the prelude and the case are what matter."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    return "".join(traceback.format_exception(_type(exc), exc, tb))


def safe_repr(value):
    try:
        text = _repr(value)
        if _isinstance(text, str):
            return text
    except BaseException:
        pass
    return _object_repr(value)


def load(namespace, prelude, code, entries):
    """Runs the prelude and the code in @namespace; returns None, the
    traceback of the load, or (the load error, its problem)."""
    try:
        if prelude:
            remember_source("prelude.py", prelude)
            exec(compile(prelude, "prelude.py", "exec"), namespace)
        remember_source("code.py", code)
        exec(compile(code, "code.py", "exec"), namespace)
    except BaseException as e:
        text = user_traceback(e)
        restore_builtins()
        return text
    restore_builtins()
    missing = [name for name in entries if name not in namespace]
    if missing:
        return ("NameError: your code does not define %s, which the tests call\n"
                % ", ".join("'%s'" % name for name in missing),
                {"kind": "missing", "names": missing})
    return None


def find_tests(namespace, limit):
    """The names of the top-level test_ functions in @namespace that a
    call with no argument runs, in the order the code defined them, at
    most @limit. In the load check's process, after the user's code ran:
    whatever it left in @namespace is only looked at."""
    found = []
    for name, value in list(namespace.items()):
        if _len(found) >= limit:
            break
        if not _isinstance(name, str) or not name.startswith("test_") or not name.isidentifier():
            continue
        if _type(value) is not _function_type:
            continue
        code = value.__code__
        if code.co_flags & _CO_NOT_RUN_BY_A_CALL:
            continue
        defaults = value.__defaults__ or ()
        kwdefaults = value.__kwdefaults__ or {}
        if code.co_argcount > _len(defaults) or code.co_kwonlyargcount > _len(kwdefaults):
            continue
        found.append(_str(name))
    return found


def is_main_check(test):
    """Whether @test is `__name__ == "__main__"`, either way round."""
    if not _isinstance(test, ast.Compare) or _len(test.ops) != 1 or not _isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [x for x in sides if _isinstance(x, ast.Name) and x.id == "__name__"]
    mains = [x for x in sides if _isinstance(x, ast.Constant) and x.value == "__main__"]
    return _len(names) == 1 and _len(mains) == 1


def top_level_asserts(code):
    """The source of the assert statements that run as the code loads:
    those of the module, and of its if, for, while, with and try blocks,
    not those in a function or a class, nor those under
    `if __name__ == "__main__":`, which a module skips (those of an if
    whose branch did not run are listed too: none of them failed), in
    the order of the code, as many as fit in ASSERTS_CAP bytes. "" for
    none, or for code that does not parse (its load fails and says
    why)."""
    try:
        tree = ast.parse(code, "code.py", "exec")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return ""
    asserts = []
    blocks = [tree.body]
    while blocks:
        for node in blocks.pop(0):
            if _isinstance(node, ast.Assert):
                segment = ast.get_source_segment(code, node)
                if segment:
                    asserts.append((node.lineno, node.col_offset, segment))
            elif _isinstance(node, ast.If) and is_main_check(node.test):
                # Loaded as a module, the code skips its main block.
                blocks.append(node.orelse)
            elif not _isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for field in ("body", "orelse", "finalbody"):
                    block = getattr(node, field, None)
                    if _isinstance(block, list):
                        blocks.append(block)
                for handler in getattr(node, "handlers", None) or []:
                    blocks.append(handler.body)
                for match_case in getattr(node, "cases", None) or []:
                    blocks.append(match_case.body)
    kept = []
    size = 0
    asserts.sort()
    for _, _, segment in asserts:
        size += _len(clean_text(segment).encode("utf-8")) + 1
        if size > ASSERTS_CAP:
            break
        kept.append(segment)
    return "\n".join(kept)


def reset_stdout():
    """A stdout that writes through to fd 1 and never fails to encode."""
    try:
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False),
                                      encoding="utf-8", errors="backslashreplace",
                                      line_buffering=True, write_through=True)
    except Exception:
        pass


def flush_stdout():
    try:
        sys.stdout.flush()
    except BaseException:
        pass


def run_case(case, namespace):
    """Runs one case in @namespace; returns the result's fields."""
    value = None
    error = None
    raised = None
    try:
        exec(case.statements, namespace)
        if case.expression is not None:
            value = eval(case.expression, namespace)
    except BaseException as e:
        raised = e
    flush_stdout()
    restore_builtins()
    reset_stdout()

    result = {"raised": raised is not None}
    if raised is not None:
        if case.raises is not None and exception_matches(raised, case.raises):
            result["actual"] = "%s: %s" % (_type(raised).__name__, safe_repr_exc(raised))
            result["passed"] = True
        else:
            result["actual"] = None
            result["passed"] = False
            # An assert that does not hold is the test saying the code is
            # wrong (failed, as pytest says), not the code breaking.
            result["assertion"] = _isinstance(raised, AssertionError)
            error = user_traceback(raised)
    else:
        result["actual"] = cut(safe_repr(value))
        passed = case.raises is None
        if case.has_expected:
            try:
                if case.unordered:
                    ok = matches_unordered(case.expected, value)
                else:
                    ok = matches(case.expected, value)
            except BaseException as e:
                ok = False
                error = user_traceback(e)
                result["compare_failed"] = True
            passed = passed and ok
        result["passed"] = passed
    restore_builtins()
    result["error"] = cut(error) if error is not None else None
    return result


def safe_repr_exc(exc):
    try:
        return _str(exc)
    except BaseException:
        return "?"


def send(fd, message):
    data = _marshal_dumps(message)
    while data:
        try:
            n = _os_write(fd, data)
        except InterruptedError:
            continue
        data = data[n:]


def child_main(result_fd, out_fd, prelude, code, entries, case):
    """The forked process: loads the code, runs @case (None for the load
    check alone), sends what happened on @result_fd, and ends."""
    try:
        os.close(RESULTS_FD)
    except OSError:
        pass
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        if case is not None:
            # The load's prints were shown by the load check already.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.close(devnull)
        reset_stdout()
        namespace = {"__name__": "solution", "__builtins__": builtins}
        load_error = load(namespace, prelude, code, entries)
        flush_stdout()
        if case is None or load_error is not None:
            if _isinstance(load_error, tuple):
                send(result_fd, {"load_error": load_error[0], "load_problem": load_error[1]})
            elif load_error is None and _discover is not None:
                send(result_fd, {"load_error": None, "found": find_tests(namespace, _discover)})
            else:
                send(result_fd, {"load_error": load_error})
            _os_exit(0)
        os.dup2(out_fd, 1)
        reset_stdout()
        send(result_fd, run_case(case, namespace))
    except BaseException as e:
        try:
            send(result_fd, {"driver_error": "%s: %s" % (_type(e).__name__, e)})
        except BaseException:
            pass
    _os_exit(0)


# --- In the driver ----------------------------------------------------------

class Outcome:
    def __init__(self):
        self.message = None
        self.stdout = bytearray()
        self.stdout_cut = False
        self.timed_out = False
        self.status = None


def forward(data):
    view = memoryview(data)
    while view:
        try:
            n = os.write(1, view)
        except InterruptedError:
            continue
        except OSError:
            return
        view = view[n:]


def become_subreaper():
    """Makes the driver the parent of every orphan among its descendants
    (prctl PR_SET_CHILD_SUBREAPER), so that a case's process that left
    its process group (setsid) still comes back to the driver to be
    ended with the case. Returns whether it could."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0
    except (OSError, AttributeError, ImportError):
        return False


def end_descendants():
    """Kills and reaps every process the driver still has below it: what
    a case left behind outside its process group. As a subreaper the
    driver inherits their orphans in turn, until none is left."""
    me = os.getpid()
    for _ in range(1000):
        try:
            with open("/proc/%d/task/%d/children" % (me, me)) as f:
                children = [int(p) for p in f.read().split()]
        except (OSError, ValueError):
            children = []
        if not children:
            break
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass
        for child in children:
            try:
                os.waitpid(child, 0)
            except ChildProcessError:
                pass
    # Orphans that were reaped by the kernel's reparenting meanwhile.
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break


# How long a fork may wait for the sandbox's process limit (32) to free a
# slot: the processes of a case that forked to the limit are killed with
# it, and count until the sandbox's init has reaped them.
FORK_RETRY_SECONDS = 2.0


def fork():
    deadline = time.monotonic() + FORK_RETRY_SECONDS
    while True:
        try:
            return os.fork()
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def spawn(prelude, code, entries, case, time_limit):
    """Runs one child to its end; returns its Outcome."""
    outcome = Outcome()
    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    sys.stdout.flush()
    pid = fork()
    if pid == 0:
        try:
            os.close(result_r)
            os.close(out_r)
            child_main(result_w, out_w, prelude, code, entries, case)
        finally:
            _os_exit(0)
    os.close(result_w)
    os.close(out_w)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass

    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None

    poller = select.poll()
    poller.register(result_r, select.POLLIN)
    poller.register(out_r, select.POLLIN)
    if pidfd is not None:
        poller.register(pidfd, select.POLLIN)
    message = bytearray()
    open_fds = {result_r, out_r}
    deadline = time.monotonic() + time_limit
    exited = False

    while result_r in open_fds and not exited:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            outcome.timed_out = True
            break
        # Without a pidfd, wake up now and then to see whether the child
        # ended while a process it started keeps the pipes open.
        timeout = remaining if pidfd is not None else min(remaining, 0.05)
        for fd, _ in poller.poll(timeout * 1000):
            if fd == pidfd:
                exited = True
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                poller.unregister(fd)
                open_fds.discard(fd)
            elif fd == result_r:
                message += chunk
            else:
                take_output(outcome, chunk, case is not None)
        if pidfd is None and os.waitpid(pid, os.WNOHANG)[0] == pid:
            outcome.status = 0
            exited = True

    # The child, and anything it started in its process group, ends here.
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    if outcome.status is None:
        _, outcome.status = os.waitpid(pid, 0)
    if _subreaper:
        end_descendants()

    # What is already in the pipes, without waiting for a process that
    # escaped the group to close them.
    for fd in list(open_fds):
        os.set_blocking(fd, False)
        try:
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                if fd == result_r:
                    message += chunk
                else:
                    take_output(outcome, chunk, case is not None)
        except BlockingIOError:
            pass
    os.close(result_r)
    os.close(out_r)
    if pidfd is not None:
        os.close(pidfd)

    if message:
        try:
            outcome.message = _marshal_loads(bytes(message))
        except (EOFError, ValueError, TypeError):
            outcome.message = None
        if not _isinstance(outcome.message, dict):
            outcome.message = None
    return outcome


def take_output(outcome, chunk, capture):
    forward(chunk)
    if not capture:
        return
    room = TEXT_CAP * 4 - _len(outcome.stdout)
    if room > 0:
        outcome.stdout += chunk[:room]
    if _len(chunk) > room:
        outcome.stdout_cut = True


def ended_early(outcome, time_limit, what="the case"):
    """Why a child sent no result: the problem for Viva to word, and the
    same in English for anything else that reads the results."""
    if outcome.timed_out:
        return ({"kind": "time-limit", "limit-ms": int(time_limit * 1000)},
                "%s did not finish within its time limit (%g s)." % (what.capitalize(), time_limit))
    status = outcome.status
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = "SIG%d" % sig
        return ({"kind": "signal", "signal": name},
                "The process running %s was killed by %s." % (what, name))
    if status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0:
        code = os.WEXITSTATUS(status)
        return ({"kind": "exit", "status": code},
                "The process running %s ended with exit status %d before it finished "
                "(os._exit?)." % (what, code))
    return ({"kind": "ended"},
            "The process running %s ended before it finished (os._exit?)." % what)


def case_result(index, case, prelude, code, entries, time_limit):
    pairs = [("index", index)]
    if case.problem is not None:
        return pairs + [("passed", False), ("actual", None), ("stdout", ""),
                        ("error", "This case cannot run: " + case.problem["detail"]),
                        ("problem", case.problem)]
    try:
        outcome = spawn(prelude, code, entries, case, time_limit)
    except OSError as e:
        return pairs + [("passed", False), ("actual", None), ("stdout", ""),
                        ("error", "Could not start a process for the case: %s" % e.strerror),
                        ("problem", {"kind": "no-process", "detail": e.strerror or _str(e)})]

    stdout = bytes(outcome.stdout).decode("utf-8", "replace")
    shown = cut(stdout) + (CUT_MARK if outcome.stdout_cut else "")
    message = outcome.message
    if message is None or "passed" not in message:
        problem, error = ended_early(outcome, time_limit)
        if message is not None and _isinstance(message.get("driver_error"), str):
            error = "The test driver failed: %s" % message["driver_error"]
            problem = {"kind": "driver", "detail": message["driver_error"]}
        return pairs + [("passed", False), ("actual", None), ("stdout", shown),
                        ("error", error), ("problem", problem)]

    passed = message["passed"] is True
    error = message.get("error")
    if not _isinstance(error, str):
        error = None
    actual = message.get("actual")
    if not _isinstance(actual, str):
        actual = None
    if case.output is not None and passed:
        if outcome.stdout_cut or normalize_output(stdout) != normalize_output(case.output):
            passed = False
    pairs += [("passed", passed), ("actual", actual), ("stdout", shown), ("error", error)]
    if not passed and message.get("assertion") is True:
        pairs.append(("assertion", True))
    if message.get("compare_failed") and error is not None:
        pairs.append(("problem", {"kind": "compare", "detail": error}))
    return pairs


def main(argv):
    # The runner binds the files in /viva in the sandbox, and names
    # their folder in $VIVA_DIR in both cases.
    viva_dir = os.environ.get("VIVA_DIR", "/viva")
    code_path = argv[1] if len(argv) > 1 else os.path.join(viva_dir, "code.py")
    cases_path = argv[2] if len(argv) > 2 else os.path.join(viva_dir, "cases.json")

    try:
        os.fstat(RESULTS_FD)
    except OSError:
        print("viva-challenge-driver: file descriptor %d (the results) is not open"
              % RESULTS_FD, file=sys.stderr)
        return 2

    try:
        code = read_text(code_path)
        entries, prelude, specs, time_limit, discover = read_cases(cases_path)
    except (OSError, DriverError) as e:
        header = json_object([("version", VERSION),
                              ("load_error", "The test driver could not start: %s\n" % e),
                              ("load_problem", {"kind": "driver", "detail": _str(e)})])
        write_results(header[:-1] + ', "cases": [\n]}\n')
        return 0

    global _subreaper, _discover
    _subreaper = become_subreaper()
    _discover = discover

    # Every case's call is compiled and its expected value read before any
    # user code runs.
    cases = [Case(spec, i) for i, spec in enumerate(specs)]

    load_error = None
    load_problem = None
    # Loading the code has the limit of a case (at least a second), so
    # that the runner's wall-clock limit, (cases + 1) x the case limit
    # and a little to start (viva-challenge-run.c), covers the whole run:
    # Viva's case limit is the user's, a whole number of seconds.
    load_limit = max(time_limit, 1.0)
    try:
        outcome = spawn(prelude, code, entries, None, load_limit)
    except OSError as e:
        outcome = None
        load_error = "Could not start a process for the code: %s\n" % e.strerror
        load_problem = {"kind": "no-process", "detail": e.strerror or _str(e)}
    if outcome is not None:
        message = outcome.message
        if message is not None and "load_error" in message:
            load_error = message["load_error"]
            if load_error is not None and not _isinstance(load_error, str):
                load_error = "?"
            problem = message.get("load_problem")
            if _isinstance(problem, dict) and _isinstance(problem.get("names"), list):
                load_problem = {"kind": "missing",
                                "names": [n for n in problem["names"] if is_identifier(n)]}
        elif message is not None and _isinstance(message.get("driver_error"), str):
            load_error = "The test driver failed: %s\n" % message["driver_error"]
            load_problem = {"kind": "driver", "detail": message["driver_error"]}
        else:
            load_problem, load_error = ended_early(outcome, load_limit, "loading the code")
            load_error += "\n"
    if load_error is not None:
        load_error = cut(load_error)

    pairs = [("version", VERSION), ("load_error", load_error)]
    if load_problem is not None:
        pairs.append(("load_problem", load_problem))

    # The tests the driver found: the asserts that passed as the code
    # loaded, then the test_ functions, each a case of its own.
    asserts = ""
    found = []
    if load_error is None and discover is not None:
        asserts = top_level_asserts(code)
        names = message.get("found") if message is not None else None
        if _isinstance(names, list):
            found = [n for n in names if is_identifier(n) and n.startswith("test_")][:discover]
        # Names Viva reads back: letters, numbers and "_", not too long.
        found = [n for n in found if _len(n.encode("utf-8")) <= NAME_CAP
                 and all(c.isalnum() or c == "_" for c in n)]
        if asserts:
            pairs.append(("asserts", asserts))
        pairs.append(("found", found))
        if asserts:
            cases.append(None)
        cases += [Case({"call": name + "()"}, _len(cases) + i) for i, name in enumerate(found)]

    header = json_object(pairs)
    write_results(header[:-1] + ', "cases": [\n')
    if load_error is None:
        for i, case in enumerate(cases):
            if case is None:
                # The asserts ran, and passed, as the code loaded.
                line = json_object([("index", i), ("passed", True), ("actual", None),
                                    ("stdout", ""), ("error", None)])
            else:
                line = json_object(case_result(i, case, prelude, code, entries, time_limit))
            write_results(line + (",\n" if i + 1 < _len(cases) else "\n"))
    write_results("]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
