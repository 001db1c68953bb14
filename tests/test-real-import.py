#!/usr/bin/python3
# test-real-import.py
#
# Import… in the real viva binary, as a user does it: Ctrl+Shift+O, the
# file's path typed into GTK's file chooser ("/" opens its location
# field), the preview read over the accessibility bus as a screen reader
# reads it, Import activated as one activates it, then the bank open in
# the window and saved in the data dir, 0600 in a 0700 folder, with the
# file the user picked unchanged.
#
# The helpers (Home, Viva, waiting, xdotool, the accessibility bus's own
# session) are test-real-app.py's. Needs Debian's /usr/bin/python3 with
# python3-pyatspi, xdotool, a display (Xvfb) and a session bus;
# build-aux/test provides them. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import importlib.util
import os
import shutil
import stat
import sys

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
_spec = importlib.util.spec_from_file_location(
    'real_app', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-real-app.py'))
real_app = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_app)

wait_for = real_app.wait_for
xdotool = real_app.xdotool
find_accessible = real_app.find_accessible
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'import')


def visible_window(viva, title):
    windows = xdotool('search', '--all', '--onlyvisible', '--pid', viva.pid, '--name', '^%s$' % title, check=False)
    return windows[0] if windows else None


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_import_through_the_preview():
    """A numbered-headings README, picked in the chooser by its path:
    the preview says what it found, Import saves and opens the bank."""
    import pyatspi
    home = real_app.Home()
    viva = None
    try:
        source = os.path.join(home.root, 'README.md')
        shutil.copy(os.path.join(FIXTURES, 'numbered-headings.md'), source)
        before = (digest(source), os.stat(source).st_mtime_ns)

        viva = real_app.Viva(home)
        viva.key(viva.window, 'ctrl+shift+o')
        chooser = wait_for('the file chooser', lambda: visible_window(viva, 'Choose a File to Import'))
        # "/" opens the chooser's location field with "/" typed.
        viva.key(chooser, 'slash')
        xdotool('type', '--delay', '15', source[1:])
        viva.key(chooser, 'Return')

        summary = wait_for('the preview', lambda: find_accessible(
            viva.app, lambda node: 'questions in' in (node.name or '') and 'read as' in (node.name or '')))
        assert summary.name == '5 questions in 1 level, 4 with answers, read as numbered headings.', summary.name
        assert find_accessible(viva.app, lambda node: node.name == 'No answer') is not None, \
            'the preview does not say which question has no answer'
        banks = os.path.join(home.app_data, 'banks')
        assert not os.path.exists(banks) or not os.listdir(banks), 'written before Import'

        import_button = wait_for('Import', lambda: find_accessible(
            viva.app, lambda node: node.getRole() == pyatspi.ROLE_PUSH_BUTTON and node.name == 'Import'))
        real_app.do_action(import_button)

        wait_for('the toast', lambda: viva.shows('Imported “Twelve Python Questions for Practice”: 5 questions'))
        wait_for('the imported bank in the window',
                 lambda: viva.shows('What are the main uses of a list in Python?'))

        saved = os.path.join(banks, 'twelve-python-questions-for-practice.md')
        assert os.path.exists(saved), os.listdir(banks)
        assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600, oct(os.stat(saved).st_mode)
        assert stat.S_IMODE(os.stat(banks).st_mode) == 0o700, oct(os.stat(banks).st_mode)
        with open(saved) as f:
            written = f.read()
        assert '**Question 5:** What does `with` do?' in written, written
        assert (digest(source), os.stat(source).st_mtime_ns) == before, 'the source file changed'

        viva.key(viva.window, 'ctrl+q')
        assert viva.wait() == 0
        viva = None
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


TESTS = [
    ('import-through-the-preview', test_import_through_the_preview),
]


def main():
    return real_app.run_tests(TESTS)


if __name__ == '__main__':
    sys.exit(main())
