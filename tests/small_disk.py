"""A small real filesystem to fill up and free again: a tmpfs mount of 1 MB (needs root).

Where mounting is impossible (not root, no mount permission in a container), an injected write
failure stands in: every history write raises the same StoreError SQLite's "disk is full" gives.
`SmallDisk.kind` says which one a test ran with, and the test log says so too.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.schema import Database

log = logging.getLogger(__name__)

SIZE = "1m"


class SmallDisk:
    """A folder on a disk that can be filled up and freed again."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder
        self.kind = kind  # "tmpfs" (a real full disk) or "injected"
        self._patch = pytest.MonkeyPatch()
        self._filler = folder / "filler"
        self.full = False

    def fill(self) -> None:
        """Take every free byte."""
        self.full = True
        if self.kind == "injected":
            self._patch.setattr(Database, "transaction", _full_transaction)
            return
        fd = os.open(self._filler, os.O_WRONLY | os.O_CREAT, 0o600)
        chunk = b"\0" * 4096
        written = 1
        try:
            while written:
                written = _write_or_none(fd, chunk)
        finally:
            os.close(fd)
        assert os.statvfs(self.folder).f_bavail == 0

    def free(self) -> None:
        """Give the space back."""
        self.full = False
        if self.kind == "injected":
            self._patch.undo()
            return
        self._filler.unlink()


def _write_or_none(fd: int, chunk: bytes) -> int:
    """Bytes written; 0 once the disk is full."""
    try:
        return os.write(fd, chunk)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        return 0


@contextlib.contextmanager
def _full_transaction(self: Database) -> Iterator[object]:
    raise StoreError(self.path, "the disk is full")
    yield  # pragma: no cover


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[SmallDisk]:
    """A 1 MB tmpfs mounted on `folder` (made if missing), or the injected stand-in."""
    folder.mkdir(parents=True, exist_ok=True)
    why = _mount(folder)
    if why is not None:
        log.warning("no tmpfs mount here (%s): an injected write failure stands in", why)
        disk = SmallDisk(folder, "injected")
        try:
            yield disk
        finally:
            disk._patch.undo()
        return
    log.info("a real %s tmpfs is mounted on %s", SIZE, folder)
    try:
        yield SmallDisk(folder, "tmpfs")
    finally:
        done = subprocess.run(["umount", str(folder)], capture_output=True, check=False)
        if done.returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def _mount(folder: Path) -> str | None:
    """Mount the tmpfs; None when it worked, else why not."""
    if os.name != "posix" or os.geteuid() != 0:
        return "not root"
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        return f"no mount command: {exc}"
    return None if done.returncode == 0 else done.stderr.strip() or "mount failed"
