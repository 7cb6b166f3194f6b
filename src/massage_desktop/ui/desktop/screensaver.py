"""Keeps the screen awake during a session: freedesktop ScreenSaver and PowerManagement inhibit.

Each session opens its own D-Bus connection and asks both services to inhibit; releasing closes
that connection. Every implementation drops the inhibitions of a client that leaves the bus, and
this is the only release PySide6 can do: UnInhibit takes a uint32 cookie, and PySide6 sends a
Python int as int32, which the services reject as an unknown method. Where there is no session
bus (other platforms, a bare X server) it is a no-op with a log line.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusPendingCallWatcher

log = logging.getLogger(__name__)

# (service, object path, interface): the screensaver first, then sleep.
SERVICES = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    (
        "org.freedesktop.PowerManagement",
        "/org/freedesktop/PowerManagement/Inhibit",
        "org.freedesktop.PowerManagement.Inhibit",
    ),
)
TIMEOUT_MS = 2000

Connect = Callable[[str], "QDBusConnection | None"]


def session_bus(name: str) -> QDBusConnection | None:
    """A new private connection to the session bus called `name`, or None where there is none."""
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError:
        log.info("screen stays as the system sets it: Qt D-Bus is not available")
        return None
    conn = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, name)
    if not conn.isConnected():
        log.info("screen stays as the system sets it: no D-Bus session bus")
        QDBusConnection.disconnectFromBus(name)
        return None
    return conn


class ScreenSaverInhibitor(QObject):
    """Asks the desktop not to blank the screen or sleep while a session runs.

    Signals:
        inhibited(str): a service (by its D-Bus name) agreed to inhibit.
        released(): the inhibition was given back.
    """

    inhibited = Signal(str)
    released = Signal()

    _names = itertools.count(1)

    def __init__(
        self,
        connect: Connect = session_bus,
        app_name: str = "massage-desktop",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connect = connect
        self._app_name = app_name
        self._conn: QDBusConnection | None = None
        self._conn_name = ""
        self._watchers: list[QDBusPendingCallWatcher] = []
        self._cookies: dict[str, int] = {}
        self._generation = 0

    @property
    def active(self) -> bool:
        """Whether an inhibition was asked for and not yet released."""
        return self._conn is not None

    @property
    def holders(self) -> tuple[str, ...]:
        """The services that agreed to inhibit."""
        return tuple(self._cookies)

    def inhibit(self, reason: str) -> None:
        """Ask every known service to keep the screen on; does nothing if already asked."""
        if self._conn is not None:
            return
        name = f"massage-desktop-inhibit-{next(self._names)}-{id(self):x}"
        conn = self._connect(name)
        if conn is None:
            return
        self._conn, self._conn_name = conn, name
        self._generation += 1
        for service, path, interface in SERVICES:
            self._call_inhibit(conn, service, path, interface, reason)

    def release(self) -> None:
        """Give the inhibition back (safe to call when nothing is held)."""
        conn, name = self._conn, self._conn_name
        if conn is None:
            return
        from PySide6.QtDBus import QDBusConnection

        for watcher in self._watchers:
            watcher.deleteLater()  # a pending call holds the connection open
        self._conn, self._cookies, self._watchers = None, {}, []
        del conn
        # The connection closes once its last reference (a pending call) is gone.
        QDBusConnection.disconnectFromBus(name)
        log.info("screensaver inhibition released")
        self.released.emit()

    def _call_inhibit(
        self, conn: QDBusConnection, service: str, path: str, interface: str, reason: str
    ) -> None:
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        msg = QDBusMessage.createMethodCall(service, path, interface, "Inhibit")
        msg.setArguments([self._app_name, reason])
        watcher = QDBusPendingCallWatcher(conn.asyncCall(msg, TIMEOUT_MS), self)
        watcher.setProperty("service", service)
        watcher.setProperty("generation", self._generation)
        watcher.finished.connect(self._on_watcher_finished)
        self._watchers.append(watcher)

    def _on_watcher_finished(self) -> None:
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        watcher = self.sender()
        if not isinstance(watcher, QDBusPendingCallWatcher):
            return
        service = str(watcher.property("service"))
        if watcher.property("generation") != self._generation or self._conn is None:
            return  # released while the call was in flight; closing the connection undid it
        self._watchers.remove(watcher)
        watcher.deleteLater()
        reply = watcher.reply()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("%s did not inhibit: %s", service, reply.errorMessage())
            return
        self._cookies[service] = int(reply.arguments()[0])
        log.info("%s inhibited (cookie %s)", service, self._cookies[service])
        self.inhibited.emit(service)
