#!/usr/bin/python3
# test-real-app.py
#
# The real viva binary, driven as a user drives it: keys typed into its
# windows through the X server (xdotool), what it shows read back over
# the accessibility bus (AT-SPI, as a screen reader reads it), and the
# process treated as the desktop treats it: signals at logout, two
# copies on one data folder. Each test runs Viva with its own data and
# settings folders.
#
#   - signals: text typed and not yet saved survives SIGTERM, SIGHUP
#     and SIGINT, and Viva exits cleanly;
#   - "Notes Not Saved": Return keeps the window and the notes;
#   - two processes editing one note: both texts are kept, and the one
#     that found both says so;
#   - a screen reader reading the list of windows while one closes:
#     Viva keeps running (GTK 4.8 crashed on a hidden window);
#   - a version 3 notes.json reviewed with FSRS: the buttons' intervals,
#     and what reaches the file;
#   - enough reviews to fit FSRS: the toast that offers it once, its
#     Optimize… button, Preferences → Review → Optimize, the fitted
#     parameters in the settings, and no offer the next time;
#   - the last session's bank read behind the window: what it says
#     meanwhile, a search typed meanwhile kept and applied.
#
# Needs Debian's /usr/bin/python3 with python3-pyatspi, xdotool, a
# display (Xvfb) and a session bus; build-aux/test provides them. Prints
# TAP. Waiting is bounded so that a hang fails; nothing asserts how long
# anything takes.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import fcntl
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

APP_ID = 'io.github.vivaprep.Viva'
BANK_ID = 'python-interview-questions'
WAIT_LIMIT = 60.0


class Skip(Exception):
    pass


def dispatch_a11y_events():
    """libatspi learns of applications that appear, and of what changes
    in them, from D-Bus signals dispatched by the GLib main context; a
    script that never runs it can miss a new Viva for good."""
    from gi.repository import GLib
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass


def wait_for(what, condition):
    """Polls @condition until it returns something true, and returns
    that; fails the test past the bound."""
    deadline = time.monotonic() + WAIT_LIMIT
    while True:
        dispatch_a11y_events()
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError('timed out waiting for ' + what)
        time.sleep(0.05)


def xdotool(*args, check=True):
    result = subprocess.run(['xdotool'] + [str(a) for a in args],
                            capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError('xdotool %s failed: %s' % (' '.join(map(str, args)), result.stderr.strip()))
    return result.stdout.split()


def a11y_bus_address():
    result = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus',
                             '--object-path', '/org/a11y/bus',
                             '--method', 'org.a11y.Bus.GetAddress'],
                            capture_output=True, text=True, check=True)
    # "('unix:path=/tmp/…,guid=…',)"
    return result.stdout.strip()[2:-3]


def find_accessible(root, predicate):
    """The first accessible under @root (itself included) that
    @predicate accepts. Objects that go away while we look are
    skipped."""
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            if predicate(node):
                return node
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            continue
        stack.extend(reversed([c for c in children if c is not None]))
    return None


class Home:
    """A throwaway home: data and settings folders for one or more
    Vivas, which reopen question 1 of the bundled bank."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='viva-real-app-')
        self.data = os.path.join(self.root, 'data')
        self.config = os.path.join(self.root, 'config')
        self.app_data = os.path.join(self.data, APP_ID)
        self.notes = os.path.join(self.app_data, 'notes.json')
        settings = os.path.join(self.config, 'glib-2.0', 'settings')
        os.makedirs(settings)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/vivaprep/Viva]\nlast-question=uint32 1\n')

    def note_text(self, number):
        """The text notes.json holds for question @number, or None."""
        if not os.path.exists(self.notes):
            return None
        with open(self.notes) as f:
            notes = json.load(f)
        note = notes['banks'].get(BANK_ID, {}).get(str(number))
        return note['text'] if note else None

    def lock(self):
        """Takes notes.json.lock as a Viva saving does: while we hold it,
        no Viva can write its notes."""
        os.makedirs(self.app_data, mode=0o700, exist_ok=True)
        fd = os.open(self.notes + '.lock', os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


def iso(seconds):
    """@seconds since the epoch as notes.json writes times."""
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(seconds)) + '.%06dZ' % 0


def seed_reviews(home, n_notes, n_reviews, days=90, seed=12, now=None):
    """Writes a version 3 notes.json (as the Viva before FSRS wrote it:
    Viva replays each history to find its memory) whose first @n_notes
    questions of the bundled bank each have @n_reviews reviews, no two on
    one review day, over the last @days days: a learner who forgets now
    and then (Again about one review in eight, Hard and Easy as often)
    and comes back after growing intervals, last seen yesterday at the
    latest. Returns the number of training reviews: those with an
    earlier review on an earlier day, here all but each first."""
    import random
    rng = random.Random(seed)
    day = 86400
    now = now if now is not None else time.time()
    # Noon UTC: a review day (4 am local) whatever the test's zone.
    yesterday = (int(now) // day - 1) * day + 12 * 3600
    notes = {}
    for number in range(1, n_notes + 1):
        gaps = []
        interval = 1
        grades = []
        for i in range(n_reviews):
            grade = rng.choices(('again', 'hard', 'good', 'easy'), (12, 12, 64, 12))[0] if i else 'good'
            grades.append(grade)
            if i:
                gaps.append(interval)
            interval = 1 if grade == 'again' else max(1, round(interval * {'hard': 1.2, 'good': 1.8, 'easy': 2.6}[grade]))
        # The last review between yesterday and a week before it; the
        # earlier ones back from there, squeezed into @days.
        scale = min(1.0, (days - 8) / max(1, sum(gaps)))
        gaps = [max(1, round(g * scale)) for g in gaps]
        last = yesterday - rng.randrange(8) * day + rng.randrange(3600)
        times = [last]
        for gap in reversed(gaps):
            times.insert(0, times[0] - gap * day)
        lapses = grades.count('again')
        # SM-2's passes in a row: the grades since the last Again.
        passed = len(grades) - 1 - max([i for i, g in enumerate(grades) if g == 'again'] or [-1])
        notes[str(number)] = {
            'text': 'Reviewed %d times.' % n_reviews,
            'status': 'learning' if grades[-1] in ('again', 'hard') else 'confident',
            'starred': False,
            'modified': iso(last),
            'review': {
                'due': iso(last + (interval if passed else 0) * day + (0 if passed else 600)),
                'last-review': iso(last),
                'interval': interval if passed else 0,
                'ease': 2500,
                'repetitions': passed,
                'lapses': lapses,
            },
            'history': [{'time': iso(t), 'grade': g, 'source': 'review'} for t, g in zip(times, grades)],
        }
    os.makedirs(home.app_data, mode=0o700, exist_ok=True)
    with open(home.notes, 'w') as f:
        json.dump({'format': 'viva-notes', 'version': 3, 'banks': {BANK_ID: notes}}, f, indent=2)
    return n_notes * (n_reviews - 1)


class Viva:
    """One running Viva. With @own_bus, it gets a session bus of its
    own, as a second login would, so that it does not hand over to a
    Viva already running; it still joins our accessibility bus."""

    def __init__(self, home, own_bus=False):
        self.home = home
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG'):
            env.pop(name, None)
        env.update(XDG_DATA_HOME=home.data, XDG_CONFIG_HOME=home.config,
                   GSETTINGS_BACKEND='keyfile', GDK_BACKEND='x11', GSK_RENDERER='cairo')
        command = [os.environ['VIVA_BINARY']]
        if own_bus:
            env['AT_SPI_BUS_ADDRESS'] = a11y_bus_address()
            command = ['dbus-run-session', '--'] + command
        self.process = subprocess.Popen(command, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = self.process.pid
        # A Viva that never shows up (a timeout on a loaded machine) is
        # killed here: the caller's `finally` has no Viva to kill yet,
        # and an orphan would run on into the next tests.
        try:
            if own_bus:
                self.pid = wait_for('viva under dbus-run-session', self._child_pid)
            self.app = wait_for('Viva on the accessibility bus', self._find_app)
            self.editor = wait_for('the notes editor', self._find_editor)
            self.window = wait_for('Viva\'s window', self._find_window)
        except BaseException:
            self.kill()
            raise

    def _child_pid(self):
        for entry in os.listdir('/proc'):
            if not entry.isdigit():
                continue
            try:
                with open('/proc/%s/stat' % entry) as f:
                    fields = f.read().rsplit(')', 1)[1].split()
                with open('/proc/%s/comm' % entry) as f:
                    comm = f.read().strip()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid and comm == 'viva':
                return int(entry)
        return None

    def _find_app(self):
        # Not there because it died (on start, say): say how, at once,
        # rather than time out.
        if not own_bus_child(self):
            still_running(self)
        return find_application(self.pid)

    def _find_editor(self):
        import pyatspi

        def is_editor(node):
            # The study view's notes; the other pages' text fields are
            # built when first opened.
            return (node.getRole() == pyatspi.ROLE_TEXT and 'notes' in (node.name or '').lower() and
                    node.getState().contains(pyatspi.STATE_EDITABLE))

        return find_accessible(self.app, is_editor)

    def _find_window(self):
        windows = xdotool('search', '--all', '--onlyvisible', '--pid', self.pid, '--name', '^Question 1$', check=False)
        return windows[0] if windows else None

    def notes_shown(self):
        text = self.editor.queryText()
        return text.getText(0, text.characterCount)

    def shows(self, words):
        """Whether some text in Viva's windows contains @words."""
        return find_accessible(self.app, lambda node: words in (node.name or '')) is not None

    def type_notes(self, text):
        """Ctrl+E to the notes, then @text, key by key."""
        xdotool('windowfocus', '--sync', self.window)
        xdotool('key', '--clearmodifiers', 'ctrl+e')
        xdotool('type', '--delay', '15', text)

    def key(self, window, keys):
        xdotool('windowfocus', '--sync', window)
        xdotool('key', '--clearmodifiers', keys)

    def send(self, signum):
        os.kill(self.pid, signum)

    def wait(self):
        try:
            return self.process.wait(timeout=WAIT_LIMIT)
        except subprocess.TimeoutExpired:
            raise AssertionError('Viva did not exit')

    def kill(self):
        if self.process.poll() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()


def check_signal(signum):
    """Text typed since the last save, then a signal as logging out, a
    shutdown or `kill PID` sends: the text must reach notes.json, and
    Viva must exit cleanly. We hold the notes' lock while typing, so
    that no autosave can write the text first, and let go once the
    signal is sent."""
    home = Home()
    viva = None
    lock = None
    try:
        viva = Viva(home)
        typed = 'Typed just before %s.' % signal.Signals(signum).name

        lock = home.lock()
        viva.type_notes(typed)
        wait_for('the typed text in the editor', lambda: viva.notes_shown() == typed)
        assert home.note_text(1) is None, 'the text was saved before the signal'

        viva.send(signum)
        os.close(lock)
        lock = None

        status = viva.wait()
        assert status == 0, 'Viva exited with status %d after %s' % (status, signal.Signals(signum).name)
        assert home.note_text(1) == typed, 'notes.json holds %r' % home.note_text(1)
    finally:
        if lock is not None:
            os.close(lock)
        if viva is not None:
            viva.kill()
        home.remove()


def test_sigterm():
    check_signal(signal.SIGTERM)


def test_sighup():
    check_signal(signal.SIGHUP)


def test_sigint():
    check_signal(signal.SIGINT)


def read_bytes(path):
    """What @path holds, or None when it is not there."""
    try:
        with open(path, 'rb') as f:
            return f.read()
    except FileNotFoundError:
        return None


def test_kill_9_keeps_what_was_typed():
    """Text typed, then kill -9 before notes.json could be written (we
    hold its lock, so no autosave can write it): the journal has the
    text once typing stops, and the next start shows all of it. Nothing
    is timed: we poll the journal, as the user's next start would read
    it."""
    home = Home()
    viva = None
    lock = None
    try:
        viva = Viva(home)
        typed = 'Typed just before kill -9, every word of it.'
        journal = home.notes + '.journal'

        lock = home.lock()
        before = read_bytes(home.notes)
        viva.type_notes(typed)
        wait_for('the typed text in the editor', lambda: viva.notes_shown() == typed)
        wait_for('the text in the journal', lambda: typed.encode() in (read_bytes(journal) or b''))
        viva.kill()
        assert read_bytes(home.notes) == before, 'notes.json was written before the kill'
        assert os.stat(journal).st_mode & 0o777 == 0o600, 'the journal is not private'
        os.close(lock)
        lock = None

        viva = Viva(home)
        wait_for('the typed text back in the editor', lambda: viva.notes_shown() == typed)
        viva.key(viva.window, 'ctrl+q')
        status = viva.wait()
        assert status == 0, 'Viva exited with status %d' % status
        assert home.note_text(1) == typed, 'notes.json holds %r' % home.note_text(1)
        assert read_bytes(journal) == b'', 'the journal was not emptied once notes.json had it all'
    finally:
        if lock is not None:
            os.close(lock)
        if viva is not None:
            viva.kill()
        home.remove()


def test_notes_not_saved_return_keeps_notes():
    """The notes cannot be saved (their folder has become a file); Ctrl+Q
    asks "Notes Not Saved". Return, pressed by habit, must keep the
    window and the text; once the folder is back, Ctrl+Q saves and
    quits."""
    home = Home()
    viva = None
    aside = home.app_data + '.aside'
    try:
        viva = Viva(home)
        if os.path.isdir(home.app_data):
            os.rename(home.app_data, aside)
        os.makedirs(home.data, exist_ok=True)
        with open(home.app_data, 'w'):
            pass

        typed = 'Typed while the disk was away.'
        viva.type_notes(typed)
        wait_for('the typed text in the editor', lambda: viva.notes_shown() == typed)
        wait_for('the window to say the notes could not be saved',
                 lambda: viva.shows('Your notes could not be saved'))

        viva.key(viva.window, 'ctrl+q')
        dialog = wait_for('"Notes Not Saved"',
                          lambda: (xdotool('search', '--all', '--onlyvisible', '--pid', viva.pid,
                                           '--name', 'Notes Not Saved', check=False) or [None])[0])
        viva.key(dialog, 'Return')
        wait_for('the dialog to close',
                 lambda: not xdotool('search', '--all', '--onlyvisible', '--pid', viva.pid,
                                     '--name', 'Notes Not Saved', check=False))

        os.unlink(home.app_data)
        if os.path.isdir(aside):
            os.rename(aside, home.app_data)

        assert viva.process.poll() is None and viva.window in xdotool(
            'search', '--all', '--onlyvisible', '--pid', viva.pid, '--name', '^Question 1$', check=False), \
            'Return closed the window without saving the notes'
        viva.key(viva.window, 'ctrl+q')
        status = viva.wait()
        assert status == 0, 'Viva exited with status %d' % status
        assert home.note_text(1) == typed, 'notes.json holds %r' % home.note_text(1)
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


def test_two_processes_same_note():
    """Two Vivas on one data folder (two logins), each with its own
    session bus, both on question 1, both typing into it before either
    could save. Neither text may be lost: both end up in the note, in
    the file and on both screens. The Viva that saved second found both
    and names the question; the other, which only takes the file as it
    is, stays quiet."""
    home = Home()
    first = second = None
    lock = None
    message = 'Question 1 was changed here and in another Viva window'
    try:
        first = Viva(home)
        second = Viva(home, own_bus=True)

        alpha = 'Alpha, typed in the first window.'
        bravo = 'Bravo, typed in the second window.'

        # Neither can save while we hold the lock: both type first.
        lock = home.lock()
        first.type_notes(alpha)
        second.type_notes(bravo)
        wait_for('the text in the first editor', lambda: first.notes_shown() == alpha)
        wait_for('the text in the second editor', lambda: second.notes_shown() == bravo)
        assert home.note_text(1) is None
        os.close(lock)
        lock = None

        def both_texts(text):
            return text is not None and alpha in text and bravo in text

        saved = wait_for('the file to hold both texts',
                         lambda: both_texts(home.note_text(1)) and home.note_text(1))
        assert 'This window’s version' in saved and 'Another window’s version' in saved, saved
        wait_for('both windows to show what the file holds',
                 lambda: first.notes_shown() == home.note_text(1) == second.notes_shown())

        told = wait_for('a window to name the question',
                        lambda: [v for v in (first, second) if v.shows(message)])
        assert len(told) == 1, 'both windows say the question was changed in both'

        for viva in (first, second):
            viva.send(signal.SIGTERM)
            assert viva.wait() == 0
        assert both_texts(home.note_text(1)), home.note_text(1)
    finally:
        if lock is not None:
            os.close(lock)
        for viva in (first, second):
            if viva is not None:
                viva.kill()
        home.remove()


def test_review_after_upgrade():
    """notes.json as the Viva before FSRS wrote it (version 3, reviews
    graded by SM-2): the real Viva opens it, Review (Ctrl+R) asks the
    most overdue question, and once its notes show (Space) the buttons
    say what FSRS does with a question forgotten last time: Again in 10
    minutes, its relearning step. Good (3) is saved with the memory, as
    version 4, and the other notes keep their due dates and gain the
    memory their history gives."""
    home = Home()
    viva = None
    fixture = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'formats', 'notes-v3-sm2.json')
    try:
        os.makedirs(home.app_data, mode=0o700)
        shutil.copyfile(fixture, home.notes)
        with open(fixture) as f:
            before = json.load(f)['banks'][BANK_ID]

        viva = Viva(home)
        viva.key(viva.window, 'ctrl+r')
        wait_for('Review\'s first question', lambda: viva.shows('Question 12 · Level 1'))
        viva.key(viva.window, 'space')
        for name in ('Again, in 10 minutes', 'Hard, in 15 minutes', 'Good, in ', 'Easy, in '):
            wait_for('the button "%s…"' % name, lambda: viva.shows(name))
        viva.key(viva.window, '3')
        wait_for('the next question', lambda: not viva.shows('Question 12 · Level 1'))

        viva.send(signal.SIGTERM)
        status = viva.wait()
        assert status == 0, 'Viva exited with status %d' % status

        with open(home.notes) as f:
            after = json.load(f)
        assert after['version'] == 4, 'notes.json is version %r' % after['version']
        notes = after['banks'][BANK_ID]
        graded = notes['12']
        assert len(graded['history']) == len(before['12']['history']) + 1
        assert graded['history'][-1]['grade'] == 'good'
        assert graded['review']['interval'] >= 1, graded['review']
        assert graded['review']['stability'] > 0 and 1 <= graded['review']['difficulty'] <= 10
        for number in ('7', '42'):
            review = notes[number]['review']
            assert review['due'] == before[number]['review']['due'], (number, review)
            assert review['stability'] > 0 and review['reviews'] == len(notes[number]['history']), (number, review)
            assert notes[number]['text'] == before[number]['text']
        with open(home.notes + '.bak') as f:
            assert json.load(f)['version'] == 3, 'the backup is not the version 3 file'
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


def windows_titled(viva, title):
    return xdotool('search', '--all', '--onlyvisible', '--pid', viva.pid,
                   '--name', '^%s$' % title, check=False)


def find_application(pid):
    """The application of process @pid on the accessibility bus, or None
    while it is not there (yet)."""
    import pyatspi
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def own_bus_child(viva):
    """Whether @viva runs under dbus-run-session: its process is the
    wrapper, which outlives nothing it can tell us about here."""
    return viva.pid != viva.process.pid


def still_running(viva):
    """Whether Viva runs; fails the test at once if it died."""
    status = viva.process.poll()
    if status is not None:
        raise AssertionError('Viva crashed: %s' % (signal.Signals(-status).name if status < 0
                                                   else 'exit status %d' % status))
    return True


def test_window_closes_while_a_screen_reader_reads():
    """A screen reader reads the list of Viva's windows, their number
    (ChildCount) then each one (GetChildAtIndex), while one of them
    closes: it then asks for one window past the last. GTK 4.8 answers
    with its last window, shown or not, and crashes (SIGSEGV) when that
    one is hidden: a hidden window has no object path. Viva must keep
    no hidden window, whatever the user opened and closed; here the
    windows that have a shortcut, each opened and closed, then that
    question asked, as the race would ask it."""
    home = Home()
    viva = None
    try:
        viva = Viva(home)
        # Here, not at the top: python3-gi comes with python3-pyatspi,
        # which missing_requirements() checks first. No __pycache__ in
        # the source tree.
        sys.dont_write_bytecode = True
        from a11y_root import RootReader
        reader = RootReader(viva.pid, a11y_bus_address())
        wait_for('Viva\'s root on the accessibility bus', reader.find)
        assert reader.window_names() == ['Question 1'], reader.window_names()
        for keys, title in (('ctrl+question', 'Keyboard Shortcuts'),
                            ('ctrl+comma', 'Preferences'),
                            ('ctrl+question', 'Keyboard Shortcuts')):
            viva.key(viva.window, keys)
            opened = wait_for('the window "%s"' % title,
                              lambda: still_running(viva) and (windows_titled(viva, title) or [None])[0])
            assert reader.window_names() == ['Question 1', title], reader.window_names()
            viva.key(opened, 'Escape')
            wait_for('the window "%s" to close' % title,
                     lambda: still_running(viva) and not windows_titled(viva, title))

            if not reader.ask_past_the_last():
                # No window there: Viva said so, or died answering.
                try:
                    viva.process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    pass
            still_running(viva)
            assert reader.window_names() == ['Question 1'], reader.window_names()

        viva.key(viva.window, 'ctrl+q')
        status = viva.wait()
        assert status == 0, 'Viva exited with status %d' % status
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


def settings_value(home, key):
    """The value of @key in the keyfile Viva's settings are written to,
    as a Python value, or None while it is at its default."""
    from gi.repository import GLib
    keyfile = GLib.KeyFile()
    keyfile.load_from_file(os.path.join(home.config, 'glib-2.0', 'settings', 'keyfile'), GLib.KeyFileFlags.NONE)
    try:
        text = keyfile.get_value('io/github/vivaprep/Viva', key)
    except GLib.Error:
        return None
    return GLib.Variant.parse(None, text, None, None).unpack()


def push_button(viva, name):
    """Viva's push button named @name, in any of its windows, or None."""
    import pyatspi
    return find_accessible(viva.app, lambda node: node.getRole() == pyatspi.ROLE_PUSH_BUTTON and node.name == name)


def do_action(accessible):
    """Activates @accessible as a screen reader does: its own action."""
    action = accessible.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    for wanted in ('click', 'activate'):
        if wanted in names:
            action.doAction(names.index(wanted))
            return
    raise AssertionError('%r has no click action, only %r' % (accessible.name, names))


def test_fsrs_offer_then_optimize():
    """A user whose notes (a version 3 file, from before FSRS) hold
    enough reviews to fit FSRS: the real Viva offers it once, in a toast.
    Its Optimize… button, activated as a screen reader does, opens
    Preferences on the Review page; Optimize there fits the parameters
    and says how much better they predict ("Log loss 0.41 → 0.33, …"),
    and they reach the settings. The next run does not offer again."""
    import pyatspi
    home = Home()
    viva = None
    try:
        assert seed_reviews(home, 60, 9) >= 400
        assert settings_value(home, 'fsrs-optimize-offered') is None

        viva = Viva(home)
        wait_for('the toast', lambda: viva.shows('You can now fit FSRS to your reviews'))
        offer = wait_for('the toast\'s Optimize… button', lambda: push_button(viva, 'Optimize…'))
        assert offer.getState().contains(pyatspi.STATE_SENSITIVE), 'the toast\'s Optimize… is insensitive'
        do_action(offer)

        preferences = wait_for('Preferences', lambda: (windows_titled(viva, 'Preferences') or [None])[0])
        # On the Review page: its tab is the one selected.
        review_tab = wait_for('Preferences\' Review tab', lambda: find_accessible(
            viva.app, lambda node: node.getRole() == pyatspi.ROLE_PAGE_TAB and node.name == 'Review'))
        wait_for('the Review page to be the one shown',
                 lambda: review_tab.getState().contains(pyatspi.STATE_SELECTED))
        optimize = wait_for('Optimize', lambda: push_button(viva, 'Optimize parameters'))
        assert optimize.getState().contains(pyatspi.STATE_SENSITIVE), 'Optimize is insensitive'
        do_action(optimize)
        result = wait_for('the fit\'s result', lambda: find_accessible(
            viva.app, lambda node: 'Log loss' in (node.name or '') and '→' in (node.name or '')))
        assert 'RMSE' in result.name and 'reviews' in result.name, result.name
        print('# ' + result.name, flush=True)
        # Fitted parameters can be reset.
        reset = push_button(viva, 'Reset parameters to defaults')
        assert reset is not None and reset.getState().contains(pyatspi.STATE_SENSITIVE), 'no Reset to Defaults to press'
        viva.key(preferences, 'Escape')
        wait_for('Preferences to close', lambda: still_running(viva) and not windows_titled(viva, 'Preferences'))

        viva.key(viva.window, 'ctrl+q')
        status = viva.wait()
        assert status == 0, 'Viva exited with status %d' % status
        viva = None

        parameters = settings_value(home, 'fsrs-parameters')
        assert parameters is not None and len(parameters) == 21, parameters
        assert all(math.isfinite(w) for w in parameters), parameters
        assert settings_value(home, 'fsrs-optimize-offered') is True

        # No toast the second time. The offer would come in an idle once
        # the window shows; Review's first question comes later, after a
        # key typed and answered.
        viva = Viva(home)
        viva.key(viva.window, 'ctrl+r')
        wait_for('Review\'s first question', lambda: push_button(viva, 'Show Notes'))
        assert not viva.shows('You can now fit FSRS'), 'the toast came again'
        assert push_button(viva, 'Optimize…') is None, 'the toast\'s button came again'
        viva.key(viva.window, 'ctrl+q')
        assert viva.wait() == 0
        viva = None
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


RESTORE_BANK = """# Restore Test Bank

## Level 1: Basics (Questions 1-3)

**Question 1:** What does a decorator do?

**Question 2:** What is a generator?

**Question 3:** How does a decorator keep the name of the function it wraps?

## Level 2: More (Questions 4-5)

**Question 4:** What is a context manager?

**Question 5:** What does `with` call on exit?
"""


def test_restore_loads_behind_the_window():
    """The last session's bank file is read in a worker, held there
    (VIVA_TEST_HOLD_DIR) so that "meanwhile" is certain: the window is up
    first and says, on the accessibility bus, which file it is opening;
    a search typed meanwhile with real keys is kept; once the bank is in,
    the last question is back and the search applies to it."""
    import pyatspi
    home = Home()
    hold = tempfile.mkdtemp(prefix='viva-hold-')
    process = None
    try:
        bank = os.path.join(home.root, 'restore.md')
        with open(bank, 'w') as f:
            f.write(RESTORE_BANK)
        with open(os.path.join(home.config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
            f.write("[io/github/vivaprep/Viva]\nlast-bank='%s'\nlast-question=uint32 2\n" % bank)
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG'):
            env.pop(name, None)
        env.update(XDG_DATA_HOME=home.data, XDG_CONFIG_HOME=home.config,
                   GSETTINGS_BACKEND='keyfile', GDK_BACKEND='x11', GSK_RENDERER='cairo',
                   VIVA_TEST_HOLD_DIR=hold)
        process = subprocess.Popen([os.environ['VIVA_BINARY']], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def find_app():
            if process.poll() is not None:
                raise AssertionError('Viva exited with status %d' % process.returncode)
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                try:
                    app = desktop.getChildAtIndex(i)
                    if app is not None and app.get_process_id() == process.pid:
                        return app
                except Exception:
                    continue
            return None

        def named(words):
            return find_accessible(app, lambda node: words in (node.name or ''))

        def search_text():
            entry = find_accessible(app, lambda node: node.getRole() == pyatspi.ROLE_ENTRY and
                                    node.name == 'Search questions and notes')
            text = entry.queryText()
            return text.getText(0, text.characterCount)

        app = wait_for('Viva on the accessibility bus', find_app)
        wait_for('"Opening “restore.md”…"', lambda: named('Opening “restore.md”…'))
        window = wait_for('Viva\'s window', lambda: (xdotool('search', '--all', '--onlyvisible', '--pid', process.pid,
                                                              '--name', '^Viva$', check=False) or [None])[0])
        review = find_accessible(app, lambda node: node.getRole() == pyatspi.ROLE_PUSH_BUTTON and
                                 (node.name or '').startswith('Review'))
        assert review is not None and not review.getState().contains(pyatspi.STATE_SENSITIVE), \
            'Review can be pressed before the bank is in'

        xdotool('windowfocus', '--sync', window)
        xdotool('key', '--clearmodifiers', 'ctrl+f')
        # The search bar takes keys once it has slid in, a few frames
        # later; a key typed before is lost. A person never types that
        # fast: the first letter again until it shows, then the rest.
        deadline = time.monotonic() + WAIT_LIMIT
        while search_text() != 'd':
            assert search_text() == '' and time.monotonic() < deadline, search_text()
            xdotool('type', 'd')
            for _ in range(10):
                dispatch_a11y_events()
                if search_text():
                    break
                time.sleep(0.05)
        xdotool('type', '--delay', '15', 'ecorator')
        wait_for('the search typed', lambda: search_text() == 'decorator')
        assert named('Opening “restore.md”…') is not None, 'the bank came before it was let go'

        open(os.path.join(hold, 'bank'), 'w').close()
        wait_for('question 2', lambda: xdotool('search', '--all', '--onlyvisible', '--pid', process.pid,
                                               '--name', '^Question 2$', check=False))
        wait_for('the matches', lambda: named('How does a decorator keep the name'))
        assert search_text() == 'decorator', search_text()
        assert named('What is a context manager?') is None, 'the search was not applied'
        assert named('What is a generator?') is not None, 'question 2 is not shown'

        xdotool('windowfocus', '--sync', window)
        xdotool('key', '--clearmodifiers', 'ctrl+q')
        status = process.wait(timeout=WAIT_LIMIT)
        assert status == 0, 'Viva exited with status %d' % status
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(hold, ignore_errors=True)
        home.remove()


TESTS = [
    ('/real-app/signal/sigterm', test_sigterm),
    ('/real-app/signal/sighup', test_sighup),
    ('/real-app/signal/sigint', test_sigint),
    ('/real-app/kill-9/keeps-what-was-typed', test_kill_9_keeps_what_was_typed),
    ('/real-app/notes-not-saved/return-keeps-notes', test_notes_not_saved_return_keeps_notes),
    ('/real-app/two-processes/same-note', test_two_processes_same_note),
    ('/real-app/a11y/window-closes-while-read', test_window_closes_while_a_screen_reader_reads),
    ('/real-app/review/after-upgrade', test_review_after_upgrade),
    ('/real-app/fsrs/offer-then-optimize', test_fsrs_offer_then_optimize),
    ('/real-app/restore/loads-behind-the-window', test_restore_loads_behind_the_window),
]


class Buses:
    """A session bus and an accessibility bus of our own, for Viva and
    for this script. The session bus build-aux/test shares between tests
    may have started its accessibility bus before test-real-app.py could
    give it a folder of its own (test-single-instance's Viva asks for it
    first): its socket is then ~/.cache/at-spi/bus, the same path for
    every test run on the machine, and another run replacing it cut ours
    off ("Couldn't connect to accessibility bus"). Here the launcher gets
    a runtime folder of its own (XDG_RUNTIME_DIR), as test-a11y-bus.py's
    does. Every real-app test uses them (private_buses())."""

    def __init__(self):
        self.processes = []
        # In /tmp: a socket's path must stay under 108 bytes.
        self.runtime = tempfile.mkdtemp(prefix='viva-real-app-bus-', dir='/tmp')
        bus = self._start(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                          stdout=subprocess.PIPE, text=True)
        address = bus.stdout.readline().strip()
        if not address:
            raise AssertionError('dbus-daemon did not start')
        os.environ['DBUS_SESSION_BUS_ADDRESS'] = address
        os.environ['XDG_RUNTIME_DIR'] = self.runtime
        # Its registry says on stdout that it runs: not TAP.
        self._start(['/usr/libexec/at-spi-bus-launcher', '--launch-immediately'],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for('the accessibility bus', self._a11y_bus_up)

    def _start(self, argv, **kwargs):
        # Each in a process group of its own, to end what it starts too.
        process = subprocess.Popen(argv, start_new_session=True, **kwargs)
        self.processes.append(process)
        return process

    @staticmethod
    def _a11y_bus_up():
        result = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                                 '--object-path', '/org/freedesktop/DBus',
                                 '--method', 'org.freedesktop.DBus.NameHasOwner', 'org.a11y.Bus'],
                                capture_output=True, text=True)
        return 'true' in result.stdout

    def stop(self):
        while self.processes:
            process = self.processes.pop()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
        shutil.rmtree(self.runtime, ignore_errors=True)


def private_buses():
    """A session bus and an accessibility bus of our own (Buses), and the
    accessibility bus's address given outright: a test before may have
    left the X root window naming a bus that is gone, which libatspi
    reads before asking the session bus (and then aborts). Call before
    anything imports pyatspi; None when dbus-daemon or at-spi2-core's
    launcher is missing (the tests then skip, missing_requirements()
    says why)."""
    if not ('DISPLAY' in os.environ and 'DBUS_SESSION_BUS_ADDRESS' in os.environ and shutil.which('gdbus') and
            shutil.which('dbus-daemon') and os.path.exists('/usr/libexec/at-spi-bus-launcher')):
        return None
    buses = Buses()
    os.environ['AT_SPI_BUS_ADDRESS'] = a11y_bus_address()
    return buses


def missing_requirements():
    if 'VIVA_BINARY' not in os.environ:
        return 'VIVA_BINARY is not set (run by meson test)'
    if 'DISPLAY' not in os.environ or 'DBUS_SESSION_BUS_ADDRESS' not in os.environ:
        return 'needs a display and a session bus (run by build-aux/test)'
    if shutil.which('xdotool') is None:
        return 'needs xdotool'
    if shutil.which('dbus-run-session') is None or shutil.which('gdbus') is None:
        return 'needs dbus-run-session and gdbus'
    try:
        import pyatspi  # noqa: F401
    except ImportError:
        return 'needs python3-pyatspi for /usr/bin/python3'
    return None


def run_tests(tests, missing=None):
    """Runs @tests, (name, function) pairs, as TAP ("-p NAME" picks one),
    on buses of their own (private_buses(), set up before anything
    imports pyatspi, which connects to the accessibility bus); each skips
    with the reason when @missing (default missing_requirements())
    returns one. What every real-app script's main() is."""
    selected = [t for t in tests if len(sys.argv) < 3 or sys.argv[1] != '-p' or t[0] == sys.argv[2]]
    print('1..%d' % len(selected), flush=True)
    buses = private_buses()
    reason = (missing or missing_requirements)()
    if reason is None and buses is None:
        reason = 'needs dbus-daemon and at-spi2-core\'s at-spi-bus-launcher'
    failed = 0
    try:
        for number, (name, test) in enumerate(selected, 1):
            if reason is not None:
                print('ok %d %s # SKIP %s' % (number, name, reason), flush=True)
                continue
            try:
                test()
            except Exception:
                failed += 1
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
                print('not ok %d %s' % (number, name), flush=True)
            else:
                print('ok %d %s' % (number, name), flush=True)
    finally:
        if buses is not None:
            buses.stop()
    return 1 if failed else 0


def main():
    return run_tests(TESTS)


if __name__ == '__main__':
    sys.exit(main())
