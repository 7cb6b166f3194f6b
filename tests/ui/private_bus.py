"""A private D-Bus session bus with a stand-in service on it, for tests (see test_screensaver)."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class Service:
    """A stand-in service's output, read without blocking, and its input."""

    def __init__(self, proc: subprocess.Popen[bytes], address: str) -> None:
        self._proc = proc
        self.address = address
        self.seen: list[str] = []
        self._partial = b""

    def poll(self) -> list[str]:
        """Every whole line so far (reads what is ready, never waits)."""
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        # Raw reads: a buffered readline could take in more lines than select() then sees.
        while select.select([fd], [], [], 0)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            self._partial += chunk
        *lines, self._partial = self._partial.split(b"\n")
        self.seen += [line.decode("utf-8").strip() for line in lines]
        return self.seen

    def lines(self, prefix: str) -> list[str]:
        """The lines so far that begin with `prefix`, without it."""
        return [line[len(prefix) :] for line in self.poll() if line.startswith(prefix)]

    def send(self, line: str) -> None:
        """One line to the service's stdin."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(line.encode("utf-8") + b"\n")
        self._proc.stdin.flush()


@contextmanager
def bus_with(script: Path) -> Iterator[Service]:
    """Start a private session bus and `script` on it; yields once it says `ready`."""
    if shutil.which("dbus-daemon") is None:
        pytest.fail("dbus-daemon is not installed (scripts/setup.sh installs it)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    proc = subprocess.Popen(
        [sys.executable, str(script), address], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    service = Service(proc, address)
    try:
        assert proc.stdout is not None
        assert select.select([proc.stdout], [], [], 30)[0], "the stand-in did not start"
        deadline = time.monotonic() + 30
        while not service.poll() and time.monotonic() < deadline:
            select.select([proc.stdout], [], [], 1)
        assert service.poll()[:1] == ["ready"]
        yield service
    finally:
        for p in (proc, daemon):
            p.kill()
            p.wait()
            for stream in (p.stdin, p.stdout):
                if stream is not None:
                    stream.close()
