#!/usr/bin/python3
# test-real-export.py
#
# The real viva binary, driven as a screen reader user drives it, for
# issue 13's export and bank library: F10, the main menu's items and the
# dialogs' buttons activated over the accessibility bus (AT-SPI), the
# file name typed into GTK's own file chooser through its EditableText.
#
#   - Export… → Anki → Export… → a file name → the file Anki imports:
#     its headers, then question 1 of the bundled bank with the user's
#     note on the back and its level and topic as tags;
#   - Open Recent lists a bank opened before, with its question count;
#     picking it opens it, and the library remembers it first.
#
# Uses tests/test-real-app.py's Home, Viva and helpers. Needs Debian's
# /usr/bin/python3 with python3-pyatspi, xdotool, a display (Xvfb) and a
# session bus; build-aux/test provides them. Prints TAP. Waiting is
# bounded so that a hang fails; nothing asserts how long anything takes.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import json
import os
import signal
import sys

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
_spec = importlib.util.spec_from_file_location(
    'real_app', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-real-app.py'))
real_app = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_app)

Home = real_app.Home
Viva = real_app.Viva
wait_for = real_app.wait_for
find_accessible = real_app.find_accessible
do_action = real_app.do_action
push_button = real_app.push_button


def menu_item(viva, name):
    import pyatspi
    return find_accessible(viva.app, lambda node: node.getRole() == pyatspi.ROLE_MENU_ITEM and node.name == name)


def open_main_menu_item(viva, name):
    """F10, as a keyboard user opens the main menu, then the item named
    @name activated as a screen reader does."""
    viva.key(viva.window, 'F10')
    do_action(wait_for('the menu item ' + name, lambda: menu_item(viva, name)))


def file_chooser(viva):
    """GTK's own file chooser dialog, once Viva shows it."""
    for i in range(viva.app.childCount):
        window = viva.app.getChildAtIndex(i)
        if window is not None and find_accessible(window, lambda node: node.name == 'GtkFileChooserWidget'):
            return window
    return None


def choose_file(viva, path, accept):
    """Types @path into the chooser's Name field (its EditableText, as a
    screen reader's user types) and presses its @accept button."""
    import pyatspi
    chooser = wait_for('the file chooser', lambda: file_chooser(viva))
    name = wait_for('the Name field', lambda: find_accessible(
        chooser, lambda node: node.getRole() == pyatspi.ROLE_TEXT and node.name == 'Name:'))
    name.queryEditableText().setTextContents(path)
    button = wait_for('the chooser\'s ' + accept + ' button', lambda: find_accessible(
        chooser, lambda node: node.getRole() == pyatspi.ROLE_PUSH_BUTTON and node.name == accept))
    do_action(button)


def library(home):
    """The bank library as Viva's settings hold it, or None."""
    from gi.repository import GLib
    keyfile = GLib.KeyFile()
    keyfile.load_from_file(os.path.join(home.config, 'glib-2.0', 'settings', 'keyfile'), GLib.KeyFileFlags.NONE)
    try:
        text = keyfile.get_value('io/github/vivaprep/Viva', 'bank-library')
    except GLib.Error:
        return None
    return GLib.Variant.parse(GLib.VariantType.new('a(sssux)'), text, None, None).unpack()


def write_note(home, number, text):
    """notes.json with one note on the bundled bank's question @number,
    as Viva writes it."""
    os.makedirs(home.app_data, mode=0o700, exist_ok=True)
    with open(home.notes, 'w') as f:
        json.dump({'format': 'viva-notes', 'version': 4,
                   'banks': {real_app.BANK_ID: {str(number): {'text': text, 'status': 'learning',
                                                               'starred': True,
                                                               'modified': '2026-12-01T10:00:00Z'}}}},
                  f)
    os.chmod(home.notes, 0o600)


def test_export_to_anki():
    home = Home()
    viva = None
    try:
        write_note(home, 1, 'Int, float, complex, bool, str')
        viva = Viva(home)
        deck = os.path.join(home.root, 'deck.txt')

        open_main_menu_item(viva, 'Export…')
        # The dialog opens on Anki, all questions.
        do_action(wait_for('the dialog\'s Export… button', lambda: push_button(viva, 'Export…')))
        choose_file(viva, deck, 'Export')
        wait_for('the file', lambda: os.path.exists(deck) and os.path.getsize(deck) > 0)
        wait_for('the toast', lambda: viva.shows('Exported 415 questions to “deck.txt”'))

        with open(deck, encoding='utf-8') as f:
            lines = f.read().split('\n')
        assert lines[:6] == ['#separator:tab', '#html:true', '#notetype:Basic',
                             '#deck:Python Interview Questions: 1-1000',
                             '#columns:Front\tBack\tTags', '#tags column:3'], lines[:6]
        assert len(lines) == 6 + 415 + 1 and lines[-1] == '', len(lines)
        front, back, tags = lines[6].split('\t')
        assert front == 'What are the primitive data types in Python?', front
        assert 'Int, float, complex, bool, str' in back, back
        assert tags == 'Level_1_Beginner::Core_Concepts_Syntax starred', tags
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


def test_open_recent():
    home = Home()
    viva = None
    try:
        bank = os.path.join(home.root, 'algorithms.md')
        with open(bank, 'w') as f:
            f.write('# Algorithms\n\n## Level 1: Sorting\n\n')
            for n in range(1, 4):
                f.write('**Question %d:** What does sort %d do?\n\n' % (n, n))
        # Opened in an earlier session, then the bundled bank.
        keyfile = os.path.join(home.config, 'glib-2.0', 'settings', 'keyfile')
        with open(keyfile, 'a') as f:
            f.write("bank-library=[('', '%s', 'Python Interview Questions: 1-1000', uint32 415, int64 2), "
                    "('%s', 'algorithms', 'Algorithms', uint32 3, int64 1)]\n" % (real_app.BANK_ID, bank))
        viva = Viva(home)

        open_main_menu_item(viva, 'Open Recent')
        do_action(wait_for('Algorithms in Open Recent',
                           lambda: menu_item(viva, 'Algorithms (3 questions)')))
        wait_for('the bank opened', lambda: viva.shows('Opened “Algorithms”: 3 questions'))

        # Remembered first, and reopened next time.
        entries = wait_for('Algorithms first in the library', lambda: (
            lambda value: value if value and value[0][0] == bank else None)(library(home)))
        assert entries[0][1:4] == ('algorithms', 'Algorithms', 3), entries[0]
        assert entries[1][0] == '', entries
        assert real_app.settings_value(home, 'last-bank') == bank
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


TESTS = [
    ('export-to-anki', test_export_to_anki),
    ('open-recent', test_open_recent),
]


def main():
    return real_app.run_tests(TESTS)


if __name__ == '__main__':
    # So that the buses we started end with us (main's finally).
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
    sys.exit(main())
