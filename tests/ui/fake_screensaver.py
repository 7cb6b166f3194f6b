"""A stand-in org.freedesktop.ScreenSaver service for tests: run as a script on a private bus.

It prints one line per event on stdout: `ready`, `inhibit <app> <reason>`, `uninhibit` and
`gone <unique name>` whenever a client leaves the bus.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import SLOT, ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


def say(line: str) -> None:
    """Report one event to the test."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# PySide6's stubs describe ClassInfo as a plain class, not the decorator factory it is.
@ClassInfo({"D-Bus Interface": SERVICE})  # type: ignore[call-arg]
class Saver(QObject):  # type: ignore[operator]
    """Hands out cookies and reports calls and clients leaving."""

    def __init__(self) -> None:
        super().__init__()
        self._next = 41

    @Slot(str, str, result="uint")
    def Inhibit(self, app: str, reason: str) -> int:
        say(f"inhibit {app} {reason}")
        self._next += 1
        return self._next

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        say(f"uninhibit {cookie}")

    @Slot(str, str, str)
    def owner_changed(self, name: str, old: str, new: str) -> None:
        """A bus name changed hands; a unique name losing its owner is a client leaving."""
        if name.startswith(":") and not new:
            say(f"gone {name}")


def main() -> int:
    """Serve until killed."""
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.connectToBus(sys.argv[1], "fake-screensaver")
    saver = Saver()
    # The stubs want the slot as bytes; PySide6 takes the str that SLOT() gives, as here.
    bus.connect(  # type: ignore[call-overload]
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "NameOwnerChanged",
        saver,
        SLOT("owner_changed(QString,QString,QString)"),
    )
    bus.registerObject(PATH, saver, QDBusConnection.RegisterOption.ExportAllSlots)
    if not bus.registerService(SERVICE):
        say("failed")
        return 1
    say("ready")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
