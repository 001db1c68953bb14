#!/usr/bin/python3
# test-real-answers.py
#
# A bank's answers in the real viva binary (issue 13): a returning user
# whose last bank is tests/data/banks/answers.md. Keys go through the X
# server (xdotool), what Viva shows is read back over the accessibility
# bus, as a screen reader would:
#
#   - the study view: question 1 shows, its answer does not; "Show
#     Answer" opened through its accessible action shows the answer, and
#     its code block is on the bus as "Code", its text as written;
#   - Review (Ctrl+R): the question alone, the button says "Show Answer";
#     Space shows the bank's answer and the user's notes together.
#
# The helpers (waiting, xdotool, the accessibility bus's own session)
# are test-real-app.py's. Needs Debian's /usr/bin/python3 with
# python3-pyatspi, xdotool, a display (Xvfb) and a session bus;
# build-aux/test provides them. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import sys

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
_spec = importlib.util.spec_from_file_location(
    'real_app', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-real-app.py'))
real_app = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_app)

APP_ID = real_app.APP_ID
wait_for = real_app.wait_for
xdotool = real_app.xdotool
find_accessible = real_app.find_accessible
do_action = real_app.do_action

BANK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'banks', 'answers.md')
BANK_ID = 'answers'
ANSWER_WORDS = 'code points'
CODE = 'len("h\u00e9llo")  # 5\nlen("h\u00e9llo".encode())  # 6'


def answers_home():
    """A home whose last bank is the answers fixture, at question 1."""
    home = real_app.Home()
    keyfile = os.path.join(home.config, 'glib-2.0', 'settings', 'keyfile')
    with open(keyfile, 'w') as f:
        f.write("[io/github/vivaprep/Viva]\nlast-question=uint32 1\nlast-bank='%s'\n" % BANK)
    return home


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def named(viva, role, name):
    import pyatspi
    return find_accessible(viva.app, lambda node: node.getRole() == role and node.name == name)


def test_study_show_answer():
    import pyatspi
    home = answers_home()
    viva = None
    try:
        viva = real_app.Viva(home)
        wait_for('question 1', lambda: viva.shows('What does len() return for a string?'))
        # Collapsed: the answer is not on the bus at all.
        assert not viva.shows(ANSWER_WORDS), 'the answer shows before Show Answer'

        expander = wait_for('Show Answer', lambda: find_accessible(
            viva.app, lambda node: node.name == 'Show Answer' and node.getRole() != pyatspi.ROLE_LABEL))
        do_action(expander)
        wait_for('the answer', lambda: viva.shows(ANSWER_WORDS))
        code = wait_for('the code block', lambda: named(viva, pyatspi.ROLE_TEXT, 'Code'))
        assert text_of(code) == CODE, 'the code reads %r' % text_of(code)
        assert not code.getState().contains(pyatspi.STATE_EDITABLE), 'the answer\'s code is editable'
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


def test_review_space():
    import pyatspi
    home = answers_home()
    viva = None
    try:
        viva = real_app.Viva(home)
        viva.type_notes('My own note on len.')
        wait_for('the note typed', lambda: viva.notes_shown() == 'My own note on len.')
        viva.key(viva.window, 'ctrl+r')
        button = wait_for('Review\'s Show Answer', lambda: named(viva, pyatspi.ROLE_PUSH_BUTTON, 'Show Answer'))
        assert not viva.shows(ANSWER_WORDS), 'Review shows the answer before Space'
        assert not viva.shows('My own note on len.'), 'Review shows the notes before Space'
        del button
        review = wait_for('the Review window', lambda: (xdotool('search', '--all', '--onlyvisible', '--pid', viva.pid,
                                                                 '--name', '^Review$', check=False) or [None])[0])
        viva.key(review, 'space')
        wait_for('the answer revealed', lambda: viva.shows(ANSWER_WORDS))
        notes = wait_for('Review\'s notes', lambda: named(viva, pyatspi.ROLE_TEXT, 'Your notes'))
        wait_for('the notes revealed', lambda: text_of(notes) == 'My own note on len.')
        assert named(viva, pyatspi.ROLE_TEXT, 'Code') is not None, 'no code block in Review\'s answer'
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


TESTS = [
    ('study-show-answer', test_study_show_answer),
    ('review-space', test_review_space),
]


def main():
    return real_app.run_tests(TESTS)


if __name__ == '__main__':
    sys.exit(main())
