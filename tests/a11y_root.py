# a11y_root.py
#
# Viva's AT-SPI root (the application object whose children are its
# windows) read as a screen reader reads it, with plain D-Bus calls on
# the accessibility bus: libatspi keeps a cache of its own, and has
# crashed a test script while dropping it for an application that died;
# here what goes on the wire is the point. Used by test-real-app.py and
# test-a11y-bus.py (Debian's /usr/bin/python3, with python3-gi).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os

from gi.repository import Gio, GLib

ROOT = '/org/a11y/atspi/accessible/root'
CALL_TIMEOUT_MS = 60000


def _call(bus, name, path, interface, method, args, reply):
    return bus.call_sync(name, path, interface, method, args,
                         GLib.VariantType.new(reply) if reply else None,
                         Gio.DBusCallFlags.NONE, CALL_TIMEOUT_MS, None).unpack()


def a11y_bus_address():
    """The accessibility bus's address, from org.a11y.Bus on the session
    bus ($DBUS_SESSION_BUS_ADDRESS)."""
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    (address,) = _call(session, 'org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress', None, '(s)')
    return address


def _parent_pid(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return int(f.read().rsplit(')', 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def descends_from(pid, ancestor):
    """Whether @pid is @ancestor or one of its descendants (Viva may run
    under a wrapper, gdb say)."""
    while pid > 1:
        if pid == ancestor:
            return True
        pid = _parent_pid(pid)
    return False


class RootReader:
    """The root of the application that process @pid (or one it started)
    put on the accessibility bus. find() says whether it is there yet."""

    def __init__(self, pid, address=None):
        self.pid = pid
        self.name = None
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address or a11y_bus_address(),
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None, None)

    def find(self):
        (names,) = _call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'ListNames', None, '(as)')
        for name in names:
            if not name.startswith(':'):
                continue
            try:
                (owner,) = _call(self.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                                 'org.freedesktop.DBus', 'GetConnectionUnixProcessID',
                                 GLib.Variant('(s)', (name,)), '(u)')
                if not descends_from(owner, self.pid):
                    continue
                self.child_count(name)
            except GLib.Error:
                continue            # gone, or not an application's root
            self.name = name
            return True
        return False

    def child_count(self, name=None):
        (count,) = _call(self.bus, name or self.name, ROOT, 'org.freedesktop.DBus.Properties', 'Get',
                         GLib.Variant('(ss)', ('org.a11y.atspi.Accessible', 'ChildCount')), '(v)')
        return count

    def child_at(self, index):
        """The (bus name, object path) GetChildAtIndex answers."""
        (ref,) = _call(self.bus, self.name, ROOT, 'org.a11y.atspi.Accessible', 'GetChildAtIndex',
                       GLib.Variant('(i)', (index,)), '((so))')
        return ref

    def window_names(self):
        names = []
        for i in range(self.child_count()):
            name, path = self.child_at(i)
            (title,) = _call(self.bus, name, path, 'org.freedesktop.DBus.Properties', 'Get',
                             GLib.Variant('(ss)', ('org.a11y.atspi.Accessible', 'Name')), '(v)')
            names.append(title)
        return names

    def ask_past_the_last(self):
        """What a screen reader asks when a window closes between its
        reading the number of windows and reading the last one: the
        window at index ChildCount. GTK 4.8 answers with its last
        toplevel, shown or not, and crashes (SIGSEGV) on a hidden one,
        which has no object path. Any answer, an error included, is
        fine; the caller checks that the application still runs."""
        try:
            self.child_at(self.child_count())
            return True
        except GLib.Error:
            return False
