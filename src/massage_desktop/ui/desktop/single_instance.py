"""One program per data folder: a lock file, and a local socket a second launch knocks on.

The lock (QLockFile `instance.lock` in the data folder) is what decides: it is released by the
operating system's process check when the owner crashed, so a stale lock never blocks a start. The
local server only carries the request "come forward" from a second launch to the first, and
greets each caller with what the first is ("window", or "tray" for the background presence).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from massage_desktop.digest import sha256_hex

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """The local socket name for one data folder (short, and the same for every launch)."""
    digest = sha256_hex(str(data_dir.resolve()))[:16]
    return f"massage-desktop-{digest}"


class SingleInstance(QObject):
    """Holds the data folder for this process, or asks the process holding it to come forward.

    Signals:
        activation_requested: a second launch on the same data folder asked to be shown.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None, role: str = "window") -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._role = role
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        # Held for hours: only a dead owner makes the lock stale, never its age.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._name = server_name(data_dir)

    @property
    def is_primary(self) -> bool:
        """Whether this process holds the lock."""
        return self._lock.isLocked()

    def acquire(self, knock: bool = True) -> bool:
        """Take the folder (True); if another process has it, ask it to come forward (False).

        Without `knock` the other process is left as it is (the background presence waiting).
        """
        self._data_dir.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(0):
            if knock:
                log.info(
                    "another massage-desktop uses %s; asking it to come forward", self._data_dir
                )
                self._knock()
            return False
        # A server left behind by a crash would make listen() fail: we hold the lock, so clear it.
        QLocalServer.removeServer(self._name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if not server.listen(self._name):
            log.warning("cannot listen on %s: %s", self._name, server.errorString())
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening and give the folder up."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def holder_role(self) -> str | None:
        """What the process holding the folder is ('window' or 'tray'), None if it did not say."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return None
        said = b""
        while b"\n" not in said and socket.waitForReadyRead(CONNECT_TIMEOUT_MS):
            said += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return said.split(b"\n", 1)[0].decode("ascii", "replace") or None

    def _knock(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            log.warning("the running massage-desktop did not answer: %s", socket.errorString())
            return
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.write(self._role.encode("ascii") + b"\n")
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.activation_requested.emit()
