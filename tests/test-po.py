#!/usr/bin/python3
# test-po.py: every translation in po/LINGUAS is complete and current.
#
#   test-po.py SOURCE_ROOT DESKTOP_FILE METAINFO_FILE
#
# For each language: msgfmt --check accepts its .po with no fuzzy and no
# untranslated message; merged against a template made now from the
# sources (as `meson compile viva-pot` makes it), it still has none, so a
# new or changed string without its translation fails here; and the
# desktop file and metainfo that meson merged carry its name and
# summary. A last check reads the fresh template: a message that shows
# a count ("%u questions") must have a plural form (ngettext).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import ast
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py), which
# po/meson.build uses: the same keywords, so the same messages.
XGETTEXT_ARGS = [
    '--package-name=viva', '-k_', '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
]

# Nouns that take a plural after a count in English; a singular message
# with "%u <one of these>" is missing its ngettext.
COUNTED = ('questions|reviews|notes|days|weeks|months|years|hours|minutes|'
           'seconds|files|rows|bytes|cases|challenges|templates|levels|'
           'tests|items|interviews|sessions|banks|topics|lines|answers|'
           'characters|words|times|ratings|entries|pages|steps')
COUNT_RE = re.compile(r"%'?[0-9]*[udi] (?:(?:new|more|other|test|interview|due|starred) )?(?:" + COUNTED + r")\b")

def unquote(lines):
    # PO strings are C string literals with C's escapes, which Python's
    # string literals share.
    return ''.join(ast.literal_eval(line) for line in lines)


def parse_po(path):
    """The entries of a .po or .pot: dicts with msgctxt, msgid,
    msgid_plural, msgstr (a list), flags, obsolete."""
    entries = []
    entry = None
    key = None

    def finish():
        if entry is not None and 'msgid' in entry:
            for k in ('msgctxt', 'msgid', 'msgid_plural'):
                if k in entry:
                    entry[k] = unquote(entry[k])
            entry['msgstr'] = [unquote(v) for _, v in sorted(entry['msgstr'].items())]
            entries.append(entry)

    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.strip()
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].strip()
            if not line:
                finish()
                entry, key = None, None
                continue
            if entry is None:
                entry = {'flags': set(), 'msgstr': {}, 'obsolete': False}
            if line.startswith('#,'):
                entry['flags'].update(f.strip() for f in line[2:].split(','))
                continue
            if line.startswith('#'):
                continue
            entry['obsolete'] = entry['obsolete'] or obsolete
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if m:
                if m.group(1).startswith('msgstr'):
                    key = ('msgstr', int(m.group(2) or 0))
                    entry['msgstr'][key[1]] = [m.group(3)]
                else:
                    key = (m.group(1), None)
                    entry[m.group(1)] = [m.group(3)]
            elif line.startswith('"') and key is not None:
                if key[0] == 'msgstr':
                    entry['msgstr'][key[1]].append(line)
                else:
                    entry[key[0]].append(line)
    finish()
    return entries


def msgfmt_statistics(po):
    """msgfmt --check --statistics: (exit status, its message,
    translated, fuzzy, untranslated)."""
    proc = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                          capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
    text = proc.stderr.strip()

    def count(pattern):
        m = re.search(r'(\d+) ' + pattern, text)
        return int(m.group(1)) if m else 0

    return (proc.returncode, text, count('translated'), count('fuzzy'),
            count('untranslated'))


def main():
    SOURCE_ROOT, DESKTOP_FILE, METAINFO_FILE = sys.argv[1:4]
    PO_DIR = os.path.join(SOURCE_ROOT, 'po')

    results = []

    def check(name, ok, detail=''):
        results.append((name, ok, detail))

    with open(os.path.join(PO_DIR, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]

    tmp = tempfile.mkdtemp(prefix='viva-po-')
    pot = os.path.join(tmp, 'viva.pot')
    proc = subprocess.run(['xgettext', '-f', os.path.join(PO_DIR, 'POTFILES.in'),
                           '-D', SOURCE_ROOT, '-o', pot] + XGETTEXT_ARGS,
                          capture_output=True, text=True)
    check('a template made now from the sources', proc.returncode == 0 and os.path.exists(pot),
          proc.stderr.strip())
    template = parse_po(pot) if os.path.exists(pot) else []
    check('the template has the desktop file and the metainfo',
          any(e['msgid'] == 'Prepare for Python interviews' for e in template))

    check('po/LINGUAS names the languages (de and es at least)',
          {'de', 'es'} <= set(languages), ' '.join(languages))

    desktop = open(DESKTOP_FILE, encoding='utf-8').read()
    metainfo = ET.parse(METAINFO_FILE).getroot()
    XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

    for lang in languages:
        po = os.path.join(PO_DIR, lang + '.po')

        rc, text, translated, fuzzy, untranslated = msgfmt_statistics(po)
        check(f'{lang}.po: msgfmt --check, no fuzzy, none untranslated',
              rc == 0 and translated > 0 and fuzzy == 0 and untranslated == 0, text)

        entries = parse_po(po)
        headers = [e for e in entries if e['msgid'] == '' and not e['obsolete']]
        check(f'{lang}.po: one header, not fuzzy, with its plural forms',
              len(headers) == 1 and 'fuzzy' not in headers[0]['flags']
              and 'Plural-Forms:' in headers[0]['msgstr'][0]
              and f'Language: {lang}\n' in headers[0]['msgstr'][0])

        merged = os.path.join(tmp, lang + '.po')
        proc = subprocess.run(['msgmerge', '--quiet', '-o', merged, po, pot],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            check(f'{lang}.po: merged with the sources’ template', False, proc.stderr.strip())
        else:
            rc, text, translated, fuzzy, untranslated = msgfmt_statistics(merged)
            stale = [e['msgid'] for e in parse_po(merged)
                     if e['msgid'] and not e['obsolete']
                     and ('fuzzy' in e['flags'] or not all(e['msgstr']))]
            check(f'{lang}.po: up to date with the sources (every message of a template made now translated)',
                  rc == 0 and fuzzy == 0 and untranslated == 0 and not stale,
                  text + ''.join('\n  needs a translation: ' + repr(m) for m in stale[:20]))

        def msgstr(msgid):
            for e in entries:
                if e['msgid'] == msgid and not e['obsolete'] and 'fuzzy' not in e['flags']:
                    return e['msgstr'][0]
            return None

        for key, msgid in (('GenericName', 'Interview Practice'),
                           ('Comment', 'Prepare for Python interviews')):
            want = msgstr(msgid)
            check(f'{lang}: the desktop file’s {key}[{lang}] is the translation',
                  want is not None and want != msgid
                  and f'\n{key}[{lang}]={want}\n' in desktop,
                  f'wanted {key}[{lang}]={want!r}')

        for tag, msgid in (('summary', 'Prepare for Python interviews'),):
            want = msgstr(msgid)
            got = [el.text for el in metainfo.findall(tag) if el.get(XML_LANG) == lang]
            check(f'{lang}: the metainfo’s {tag} in {lang} is the translation',
                  want is not None and got == [want], f'wanted {want!r}, got {got!r}')

    counted = [e['msgid'] for e in template
               if 'msgid_plural' not in e and COUNT_RE.search(e['msgid'])]
    check('every message that shows a count has a plural form (ngettext)', not counted,
          ''.join('\n  ' + repr(m) for m in counted))

    print(f'1..{len(results)}')
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {name}')
        if detail and not ok:
            for line in detail.splitlines():
                print('# ' + line)

    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)

    return 1 if any(not ok for _, ok, _ in results) else 0


if __name__ == '__main__':
    sys.exit(main())
