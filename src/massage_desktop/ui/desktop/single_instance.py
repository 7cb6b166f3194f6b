"""One program per data folder: a lock file, and a local socket a second launch knocks on.

The lock (QLockFile `instance.lock` in the data folder) is what decides: it is released by the
operating system's process check when the owner crashed, so a stale lock never blocks a start. The
local server carries a second launch's requests to the first, one line each: "activate" (come
forward) and `open "PATH"` (a program file it was given, as a JSON string), and greets each
caller with what the first is ("window", or "tray" for the background presence).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from massage_desktop.digest import sha256_hex

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
ACTIVATE = b"activate\n"
OPEN = b"open "
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """The local socket name for one data folder (short, and the same for every launch)."""
    digest = sha256_hex(str(data_dir.resolve()))[:16]
    return f"massage-desktop-{digest}"


class SingleInstance(QObject):
    """Holds the data folder for this process, or asks the process holding it to come forward.

    Signals:
        activation_requested: a second launch on the same data folder asked to be shown.
        open_requested(str): a second launch was given this program file (an absolute path).
    """

    activation_requested = Signal()
    open_requested = Signal(str)

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

    def acquire(self, knock: bool = True, hand_over: Sequence[Path] = ()) -> bool:
        """Take the folder (True); if another process has it, ask it to come forward (False).

        The files in `hand_over` go to that process to open. Without `knock` the other process
        is left as it is (the background presence waiting).
        """
        self._data_dir.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(0):
            if knock:
                log.info(
                    "another massage-desktop uses %s; asking it to come forward", self._data_dir
                )
                self._knock(hand_over)
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

    def _knock(self, files: Sequence[Path]) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            log.warning("the running massage-desktop did not answer: %s", socket.errorString())
            return
        opens = (OPEN + json.dumps(str(f.resolve())).encode("utf-8") + b"\n" for f in files)
        socket.write(ACTIVATE + b"".join(opens))
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.write(self._role.encode("ascii") + b"\n")
            said = bytearray()  # what this caller sent so far: whole lines are acted on
            socket.readyRead.connect(lambda s=socket, b=said: self._on_ready_read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_ready_read(socket, said)

    def _on_ready_read(self, socket: QLocalSocket, said: bytearray) -> None:
        said += bytes(socket.readAll().data())
        while b"\n" in said:
            line, _, rest = bytes(said).partition(b"\n")
            said[:] = rest
            self._on_line(line)

    def _on_line(self, line: bytes) -> None:
        if line == ACTIVATE.strip():
            self.activation_requested.emit()
        elif line.startswith(OPEN):
            try:
                path = json.loads(line[len(OPEN) :])
            except ValueError:
                path = None
            if isinstance(path, str) and path:
                self.open_requested.emit(path)
            else:
                log.warning("a second launch sent a file name that cannot be read: %r", line)
