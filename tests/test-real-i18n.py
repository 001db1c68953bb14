#!/usr/bin/python3
# test-real-i18n.py
#
# The real viva binary in German and in Spanish, as someone whose
# desktop runs in that language starts it: LANG=de_DE.UTF-8 (then
# es_ES.UTF-8), LANGUAGE and LC_ALL unset. What it shows is read over the
# accessibility bus and compared with the msgstr of po/<lang>.po:
#
#   - the window's title ("Question 1" translated);
#   - the main menu (F10): every item of its sections;
#   - the Progress page, opened from that menu: its title and headings.
#
# The locales must be installed (build-aux/setup --test generates them):
# a missing one fails the test, it does not skip. Uses
# tests/test-real-app.py's Home, helpers and run_tests(); tests/test-po.py
# reads the .po files. Prints TAP; waiting is bounded, nothing is timed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import subprocess
import sys

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
# Before anything loads GLib: the tests' G_DEBUG=fatal-criticals is for
# Viva's own tests, and pyatspi logs a CRITICAL when the accessibility
# registry drops a call while an application comes up ("Couldn't get
# application list"); fatal, it killed this script and left its Viva
# running until meson's timeout. Viva itself never got G_DEBUG.
os.environ.pop('G_DEBUG', None)
HERE = os.path.dirname(os.path.abspath(__file__))


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


real_app = load('real_app', 'test-real-app.py')
po_test = load('po_test', 'test-po.py')

Home = real_app.Home
wait_for = real_app.wait_for
find_accessible = real_app.find_accessible
do_action = real_app.do_action
xdotool = real_app.xdotool
still_running = real_app.still_running

PO_DIR = os.path.join(os.path.dirname(HERE), 'po')

# The main menu's items as src/viva-window.ui labels them (Open Recent is
# a submenu, Edit and Delete Question need a question of one's own).
MENU_ITEMS = ['_Open Question Bank…', '_Import…', '_Bundled Python Questions',
              'E_xport…', 'New _Question…', '_Review', '_Progress', '_Mock Interview',
              'Past Mock _Interviews', '_New Interview…', 'Interview_s', '_Preferences',
              '_Keyboard Shortcuts']
# The Progress page's title and the headings of its sections
# (src/progress/viva-progress-view.ui).
PROGRESS_WORDS = ['Progress', 'Confident', 'Learning', 'Expected Recall', 'Streak', 'Weak Areas']


def catalogue(lang):
    """msgid → msgstr of po/@lang.po, without context, fuzzy or empty."""
    table = {}
    for entry in po_test.parse_po(os.path.join(PO_DIR, lang + '.po')):
        if (entry['msgid'] and 'msgctxt' not in entry and 'msgid_plural' not in entry
                and not entry['obsolete'] and 'fuzzy' not in entry['flags'] and entry['msgstr'][0]):
            table[entry['msgid']] = entry['msgstr'][0]
    return table


def translated(table, msgid):
    """@msgid's translation as a screen reader reads it: no mnemonic
    underscore. Fails if the .po has none. It may be the English word
    ("Interviews" in German); the checks below also look for words that
    differ, so that English shown throughout cannot pass."""
    assert msgid in table, '%r has no translation' % msgid
    return table[msgid].replace('_', '')


def differ(table, msgids):
    """How many of @msgids are translated as words other than the
    English."""
    return sum(translated(table, m) != m.replace('_', '') for m in msgids)


def require_locale(locale):
    """Fails, not skips, when @locale is not installed."""
    names = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.split()
    wanted = locale.replace('.UTF-8', '.utf8')
    assert wanted in names, ('the locale %s is not installed (build-aux/setup --test generates it); '
                             'locale -a: %s' % (locale, ' '.join(names)))


class TranslatedViva:
    """Viva started in @locale, as a desktop session in that language
    starts it."""

    def __init__(self, home, locale, title):
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG', 'LC_ALL', 'LANGUAGE',
                     'LC_MESSAGES', 'LC_TIME', 'LC_NUMERIC'):
            env.pop(name, None)
        env.update(LANG=locale, XDG_DATA_HOME=home.data, XDG_CONFIG_HOME=home.config,
                   GSETTINGS_BACKEND='keyfile', GDK_BACKEND='x11', GSK_RENDERER='cairo')
        self.process = subprocess.Popen([os.environ['VIVA_BINARY']], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = self.process.pid
        try:
            self.app = wait_for('Viva on the accessibility bus',
                                lambda: still_running(self) and real_app.find_application(self.pid))
            self.window = wait_for('Viva\'s window titled "%s"' % title,
                                   lambda: still_running(self) and self.window_titled(title))
        except BaseException:
            self.kill()
            raise

    def window_titled(self, title):
        windows = real_app.windows_titled(self, title)
        return windows[0] if windows else None

    def shows(self, text, role=None):
        """The first accessible whose name is @text (of @role if given)."""
        return find_accessible(self.app, lambda node: node.name == text and
                               (role is None or node.getRole() == role))

    def key(self, keys):
        xdotool('windowfocus', '--sync', self.window)
        xdotool('key', '--clearmodifiers', keys)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def check_language(lang, locale):
    import pyatspi

    require_locale(locale)
    table = catalogue(lang)
    title = translated(table, 'Question %u').replace('%u', '1')
    assert title != 'Question 1', 'the title is translated as the English'
    assert differ(table, MENU_ITEMS) >= len(MENU_ITEMS) - 3, 'the menu is mostly translated as the English'
    assert differ(table, PROGRESS_WORDS) >= len(PROGRESS_WORDS) - 1, 'Progress is mostly the English'
    home = Home()
    viva = None
    try:
        viva = TranslatedViva(home, locale, title)

        # The main menu, as a keyboard user opens it.
        viva.key('F10')
        items = [translated(table, msgid) for msgid in MENU_ITEMS]
        for item in items:
            wait_for('the menu item "%s"' % item,
                     lambda: still_running(viva) and viva.shows(item, pyatspi.ROLE_MENU_ITEM))

        # Its Progress item opens the Progress page.
        do_action(viva.shows(translated(table, '_Progress'), pyatspi.ROLE_MENU_ITEM))
        for word in PROGRESS_WORDS:
            text = translated(table, word)
            wait_for('"%s" on the Progress page' % text,
                     lambda: still_running(viva) and viva.shows(text))
        # The English words are nowhere: the page was not left half done.
        for word in ('Expected Recall', 'Weak Areas'):
            assert viva.shows(word) is None, '"%s" is shown in English' % word
    finally:
        if viva is not None:
            viva.kill()
        home.remove()


def test_german():
    check_language('de', 'de_DE.UTF-8')


def test_spanish():
    check_language('es', 'es_ES.UTF-8')


TESTS = [
    ('german', test_german),
    ('spanish', test_spanish),
]

if __name__ == '__main__':
    sys.exit(real_app.run_tests(TESTS))
