"""Desktop notifications with buttons: org.freedesktop.Notifications over Qt D-Bus.

Notify takes its replaces_id as a uint32, and PySide6 sends a Python int as int32, which the
servers refuse as an unknown method (see screensaver.py). Calling through a QDBusInterface's
introspected method with typed arguments (Q_ARG("uint", ...)) sends the uint32 the server wants.
ActionInvoked and NotificationClosed come back as D-Bus signals to this connection.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from massage_desktop.desktop_entry import APP_ID

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_NAME = "Children's Massage"
TIMEOUT_MS = 3000
NEVER_EXPIRE = 0  # a reminder stays until it is answered


def session_bus() -> QDBusConnection | None:
    """The session bus, or None where there is none."""
    bus = QDBusConnection.sessionBus()
    return bus if bus.isConnected() else None


class Notifier(QObject):
    """Sends notifications with actions; says which action the user chose and when one closed.

    Signals:
        action_invoked(int, str): a notification's id and the key of the action chosen.
        closed(int, int): a notification's id and why it closed (2: dismissed by the user).
    """

    action_invoked = Signal(int, str)
    closed = Signal(int, int)

    def __init__(self, bus: QDBusConnection | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._iface: QDBusInterface | None = None
        self._markup = False
        if bus is None:
            log.info("no session bus: notifications cannot be sent")
            return
        for name, slot in (
            ("ActionInvoked", "_on_action_invoked(uint,QString)"),
            ("NotificationClosed", "_on_notification_closed(uint,uint)"),
        ):
            # The stubs want the slot as bytes; PySide6 takes the str that SLOT() gives.
            bus.connect(SERVICE, PATH, INTERFACE, name, self, SLOT(slot))  # type: ignore[call-overload]

    @property
    def available(self) -> bool:
        """Whether a notification server is on the bus now."""
        if self._bus is None:
            return False
        reply = self._bus.interface().isServiceRegistered(SERVICE)
        return bool(reply.value())

    def notify(
        self, summary: str, body: str, actions: Sequence[tuple[str, str]], replaces: int = 0
    ) -> int | None:
        """Show a notification with (key, label) actions; its id, or None when it failed."""
        iface = self._interface()
        if iface is None:
            return None
        flat = [part for pair in actions for part in pair]
        hints = {"desktop-entry": APP_ID}
        nid = QMetaObject.invokeMethod(
            iface,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG(str, APP_NAME),
            Q_ARG("uint", replaces),
            Q_ARG(str, APP_ID),
            Q_ARG(str, summary),
            Q_ARG(str, _escaped(body) if self._markup else body),
            Q_ARG("QStringList", flat),
            Q_ARG("QVariantMap", hints),
            Q_ARG(int, NEVER_EXPIRE),
        )
        error = iface.lastError()
        if error.isValid() or not isinstance(nid, int) or not nid:
            log.warning("the notification was not shown: %s", error.message() or "no id came back")
            self._iface = None  # the server may have gone; ask afresh next time
            return None
        log.info("notification %s shown: %s", nid, summary)
        return nid

    def _interface(self) -> QDBusInterface | None:
        if self._bus is None:
            return None
        if self._iface is None or not self._iface.isValid():
            iface = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus)
            if not iface.isValid():
                log.warning("no notification server: %s", iface.lastError().message())
                return None
            iface.setTimeout(TIMEOUT_MS)
            reply = iface.call("GetCapabilities")
            caps = reply.arguments()[0] if reply.arguments() else []
            self._markup = isinstance(caps, list) and "body-markup" in caps
            self._iface = iface
        return self._iface

    @Slot("uint", str)
    def _on_action_invoked(self, nid: int, key: str) -> None:
        log.info("notification %s: %s chosen", nid, key)
        self.action_invoked.emit(int(nid), key)

    @Slot("uint", "uint")
    def _on_notification_closed(self, nid: int, reason: int) -> None:
        self.closed.emit(int(nid), int(reason))


def _escaped(text: str) -> str:
    """Body text for servers that read markup in it (the 'body-markup' capability)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
