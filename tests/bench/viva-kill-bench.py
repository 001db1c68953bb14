#!/usr/bin/python3
# viva-kill-bench.py: how much typing a Viva killed with -9 loses.
#
# Run by build-aux/bench (KILL=0 skips it) inside Xvfb with a session bus:
#   viva-kill-bench.py VIVA_BINARY SCHEMA_DIR [KILLS]
#
# Each round starts the real binary with a throwaway home (question 1 of
# the bundled bank), types into its note with xdotool, key by key and
# without pause, logging when each chunk of text was sent, kills it
# with SIGKILL at a random moment 3 to 9 s into the typing, then reads
# what is on disk as the next start would: notes.json, and the entries
# of notes.json.journal after its "journal-sequence" (a Viva without a
# journal has none). The text lost is what was typed after the last
# character that came back, in seconds: the kill's time minus the time
# the first character that did not come back was sent. Prints the
# median and worst over KILLS rounds (default 20).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.vivaprep.Viva'
BANK_ID = 'python-interview-questions'
HEADER = b'viva-notes-journal 1\n'


def xdotool(*args):
    result = subprocess.run(['xdotool'] + [str(a) for a in args], capture_output=True, text=True)
    return result.stdout.split()


def replay(notes_path):
    """Note 1's text as the next start reads it, or ''."""
    text = ''
    sequence = 0
    try:
        with open(notes_path, 'rb') as f:
            notes = json.loads(f.read())
        sequence = notes.get('journal-sequence', 0)
        text = notes['banks'].get(BANK_ID, {}).get('1', {}).get('text', '')
    except (OSError, ValueError):
        pass
    try:
        with open(notes_path + '.journal', 'rb') as f:
            data = f.read()
    except OSError:
        return text
    if not data.startswith(HEADER):
        return text
    pos = len(HEADER)
    previous = 0
    while pos < len(data):
        newline = data.find(b'\n', pos)
        if newline < 0:
            break
        try:
            at, length, checksum = data[pos:newline].decode().split(' ')
            entry, length = int(at[1:]), int(length)
        except ValueError:
            break
        payload = data[newline + 1:newline + 1 + length]
        if (entry <= previous or len(payload) != length or data[newline + 1 + length:newline + 2 + length] != b'\n'
                or hashlib.sha256(payload).hexdigest() != checksum):
            break
        previous = entry
        pos = newline + 2 + length
        if entry > sequence:
            note = json.loads(payload)['banks'].get(BANK_ID, {}).get('1')
            if note is not None:
                text = note['text']
    return text


def round_once(binary, schema_dir, rng):
    root = tempfile.mkdtemp(prefix='viva-kill-bench-')
    data = os.path.join(root, 'data')
    config = os.path.join(root, 'config')
    settings = os.path.join(config, 'glib-2.0', 'settings')
    os.makedirs(settings)
    with open(os.path.join(settings, 'keyfile'), 'w') as f:
        f.write('[io/github/vivaprep/Viva]\nlast-question=uint32 1\n')
    env = dict(os.environ, XDG_DATA_HOME=data, XDG_CONFIG_HOME=config, GSETTINGS_BACKEND='keyfile',
               GSETTINGS_SCHEMA_DIR=schema_dir, GDK_BACKEND='x11', GSK_RENDERER='cairo', GTK_A11Y='none')
    process = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        window = None
        while window is None and time.monotonic() < deadline:
            found = xdotool('search', '--all', '--onlyvisible', '--pid', process.pid, '--name', '^Question 1$')
            window = found[0] if found else None
            time.sleep(0.1)
        if window is None:
            raise TimeoutError('Viva did not show question 1 within 60 s')
        xdotool('windowfocus', '--sync', window)
        xdotool('key', '--clearmodifiers', 'ctrl+e')
        time.sleep(0.5)

        # Words of distinct letters, so that any prefix is unambiguous.
        typed = ''
        log = []
        start = time.monotonic()
        kill_at = start + rng.uniform(3.0, 9.0)
        counter = 0
        while time.monotonic() < kill_at:
            chunk = 'w%d ' % counter
            counter += 1
            subprocess.run(['xdotool', 'type', '--delay', '12', chunk], capture_output=True)
            typed += chunk
            log.append((time.monotonic(), len(typed)))
        killed = time.monotonic()
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

        got = replay(os.path.join(data, APP_ID, 'notes.json'))
        if not typed.startswith(got):
            raise RuntimeError('what came back is not what was typed: %r' % got[-40:])
        # The first chunk not entirely back was sent from the end of the
        # one before it.
        lost_from = killed
        previous_end = start
        for sent, length in log:
            if length > len(got):
                lost_from = previous_end
                break
            previous_end = sent
        return max(0.0, killed - lost_from), len(typed), len(got)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


def main():
    binary, schema_dir = sys.argv[1], sys.argv[2]
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rng = random.Random(14)
    lost = []
    for i in range(kills):
        # A start that never shows its window (a loaded machine) is
        # tried again; it says nothing about what a kill loses.
        for attempt in range(3):
            try:
                seconds, typed, back = round_once(binary, schema_dir, rng)
                break
            except TimeoutError as e:
                print('kill %d: %s; starting again' % (i + 1, e), file=sys.stderr, flush=True)
        else:
            raise RuntimeError('Viva did not start three times in a row')
        lost.append(seconds)
        print('kill %d: typed %d characters, %d came back, %.2f s lost' % (i + 1, typed, back, seconds),
              file=sys.stderr, flush=True)
    lost.sort()
    median = (lost[(kills - 1) // 2] + lost[kills // 2]) / 2
    print('kills=%d' % kills)
    print('median-lost-s=%.2f' % median)
    print('worst-lost-s=%.2f' % lost[-1])


if __name__ == '__main__':
    main()
