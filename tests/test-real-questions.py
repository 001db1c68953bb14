#!/usr/bin/python3
# test-real-questions.py
#
# My Questions in the real viva binary, as a user with a screen reader
# meets them: keys through the X server (xdotool), text and buttons
# through the accessibility bus.
#
#   - Ctrl+N on the bundled bank: the question typed into the dialog's
#     "Question" field (EditableText), Save; the toast's Show opens My
#     Questions on it; a note typed; F2 edits it; Delete Question from
#     the menu, then the toast's Undo: the question and its note are
#     back; after Ctrl+Q and a restart, question and note are still
#     there, and the bank's file is 0600 in a 0700 folder.
#
# The helpers (Home, Viva, waiting, xdotool) are test-real-app.py's; the
# session and accessibility buses of its own, test-real-app-loading.py's. Needs Debian's /usr/bin/python3 with
# python3-pyatspi, xdotool, a display (Xvfb) and a session bus;
# build-aux/test provides them. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import signal
import stat
import sys

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
_spec = importlib.util.spec_from_file_location(
    'real_app', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-real-app.py'))
real_app = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_app)

APP_ID = real_app.APP_ID
Home = real_app.Home
Viva = real_app.Viva
wait_for = real_app.wait_for
xdotool = real_app.xdotool
find_accessible = real_app.find_accessible
push_button = real_app.push_button
do_action = real_app.do_action
windows_titled = real_app.windows_titled
still_running = real_app.still_running

QUESTION = 'Why does a mutable default argument keep its value between calls?'
EDITED = 'Why does a mutable default argument (def f(x=[])) keep its value?'
NOTE = 'The default is made once, when def runs.'


def text_field(viva, name):
    """Viva's editable text named @name, in any of its windows."""
    import pyatspi
    return wait_for('the text field "%s"' % name, lambda: find_accessible(
        viva.app, lambda node: (node.getRole() == pyatspi.ROLE_TEXT and node.name == name and
                                node.getState().contains(pyatspi.STATE_EDITABLE))))


def set_text(field, text):
    """Replaces what @field holds, as a screen reader's user would."""
    editable = field.queryEditableText()
    count = field.queryText().characterCount
    if count:
        editable.deleteText(0, count)
    editable.insertText(0, text, len(text))


def press(viva, name):
    button = wait_for('the button "%s"' % name, lambda: push_button(viva, name))
    wait_for('"%s" to be sensitive' % name, lambda: button.getState().contains(
        __import__('pyatspi').STATE_SENSITIVE))
    do_action(button)


def menu_item(viva, name):
    import pyatspi
    return find_accessible(viva.app, lambda node: node.getRole() in (pyatspi.ROLE_MENU_ITEM,
                                                                     pyatspi.ROLE_PUSH_BUTTON,
                                                                     pyatspi.ROLE_CHECK_MENU_ITEM)
                           and node.name == name)


def test_add_edit_delete_undo():
    home = Home()
    viva = None
    try:
        viva = Viva(home)

        # Ctrl+N on the bundled bank: the dialog, its question typed.
        viva.key(viva.window, 'ctrl+n')
        dialog = wait_for('New Question', lambda: (windows_titled(viva, 'New Question') or [None])[0])
        set_text(text_field(viva, 'Question'), QUESTION)
        press(viva, 'Save')
        wait_for('New Question to close', lambda: still_running(viva) and not windows_titled(viva, 'New Question'))
        wait_for('the toast', lambda: viva.shows('Added to My Questions as question 1'))
        press(viva, 'Show')
        wait_for('My Questions\' question 1', lambda: viva.shows(QUESTION))

        path = os.path.join(home.app_data, 'banks', 'my-questions.md')
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, oct(os.stat(path).st_mode)
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700

        viva.type_notes(NOTE)
        wait_for('the note', lambda: NOTE in viva.notes_shown())

        # F2: the same question, edited; its note stays.
        viva.key(viva.window, 'F2')
        wait_for('Edit Question 1', lambda: (windows_titled(viva, 'Edit Question 1') or [None])[0])
        field = text_field(viva, 'Question')
        assert field.queryText().getText(0, -1) == QUESTION, field.queryText().getText(0, -1)
        set_text(field, EDITED)
        press(viva, 'Save')
        wait_for('the edited question', lambda: viva.shows(EDITED))
        wait_for('the note, still', lambda: NOTE in viva.notes_shown())

        # Delete from the menu (F10), no question asked; Undo brings it
        # back with its note.
        viva.key(viva.window, 'F10')
        item = wait_for('Delete Question in the menu', lambda: menu_item(viva, 'Delete Question'))
        do_action(item)
        wait_for('the toast', lambda: viva.shows('Question 1 deleted'))
        with open(path) as f:
            assert EDITED.split('(')[0] not in f.read(), 'the question is still in the file'
        press(viva, 'Undo')
        wait_for('the question back', lambda: viva.shows(EDITED) and NOTE in viva.notes_shown())

        viva.key(viva.window, 'ctrl+q')
        status = viva.wait()
        assert status == 0, 'Viva exited with status %d' % status
        viva = None

        # The next run: My Questions, the question and its note.
        viva = Viva(home)
        wait_for('the question after a restart', lambda: viva.shows(EDITED))
        wait_for('its note', lambda: NOTE in viva.notes_shown())
        viva.key(viva.window, 'ctrl+q')
        assert viva.wait() == 0
        viva = None
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


TESTS = [
    ('/real-questions/add-edit-delete-undo', test_add_edit_delete_undo),
]


def main():
    return real_app.run_tests(TESTS)


if __name__ == '__main__':
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
    sys.exit(main())
