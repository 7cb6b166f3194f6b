"""A stand-in org.freedesktop.Notifications server for tests: run as a script on a private bus.

It prints `ready`, then one JSON line per notification (`notify {...}`: its id and every
argument, the replaces id as the uint32 the spec asks for). Lines on its stdin play the user:
`invoke ID KEY` sends ActionInvoked, `close ID REASON` sends NotificationClosed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def say(line: str) -> None:
    """Report one event to the test."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# PySide6's stubs describe ClassInfo as a plain class, not the decorator factory it is.
@ClassInfo({"D-Bus Interface": SERVICE})  # type: ignore[call-arg]
class Server(QObject):  # type: ignore[operator]
    """Numbers the notifications from 1 and reports each."""

    # D-Bus wants uint32 here; PySide6 takes the C++ type name, which its stubs do not know.
    ActionInvoked = Signal("uint", str)  # type: ignore[arg-type]
    NotificationClosed = Signal("uint", "uint")  # type: ignore[arg-type]

    def __init__(self) -> None:
        super().__init__()
        self._last = 0

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["actions", "body"]

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self,
        app: str,
        replaces: int,
        icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, Any],
        timeout: int,
    ) -> int:
        self._last = replaces or self._last + 1
        fields = {
            "id": self._last,
            "app": app,
            "replaces": replaces,
            "icon": icon,
            "summary": summary,
            "body": body,
            "actions": actions,
            "hints": {k: str(v) for k, v in hints.items()},
            "timeout": timeout,
        }
        say("notify " + json.dumps(fields))
        return self._last

    def command(self, line: str) -> None:
        """Play the user: `invoke ID KEY` or `close ID REASON`."""
        words = line.split()
        if len(words) == 3 and words[0] == "invoke":
            self.ActionInvoked.emit(int(words[1]), words[2])
            self.NotificationClosed.emit(int(words[1]), 3)
        elif len(words) == 3 and words[0] == "close":
            self.NotificationClosed.emit(int(words[1]), int(words[2]))
        say(f"did {line.strip()}")


def main() -> int:
    """Serve until killed."""
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.connectToBus(sys.argv[1], "fake-notifications")
    server = Server()
    options = (
        QDBusConnection.RegisterOption.ExportAllSlots
        | QDBusConnection.RegisterOption.ExportAllSignals
    )
    bus.registerObject(PATH, server, options)
    if not bus.registerService(SERVICE):
        say("failed")
        return 1
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def on_input() -> None:
        line = sys.stdin.readline()
        if not line:
            stdin.setEnabled(False)
            return
        server.command(line)

    stdin.activated.connect(on_input)
    say("ready")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
