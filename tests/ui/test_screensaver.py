"""Keeping the screen awake: a real D-Bus round trip with a stand-in ScreenSaver service."""

from __future__ import annotations

import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from massage_desktop.ui.desktop.screensaver import ScreenSaverInhibitor

SERVICE = Path(__file__).with_name("fake_screensaver.py")


class Lines:
    """The stand-in's stdout, read without blocking."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._proc = proc
        self.seen: list[str] = []

    def poll(self) -> list[str]:
        """Every line so far (reads what is ready, never waits)."""
        assert self._proc.stdout is not None
        while select.select([self._proc.stdout], [], [], 0)[0]:
            line = self._proc.stdout.readline()
            if not line:
                break
            self.seen.append(line.strip())
        return self.seen


@pytest.fixture
def bus() -> Iterator[tuple[str, Lines]]:
    """A private session bus with the stand-in ScreenSaver on it: (address, its output)."""
    assert shutil.which("dbus-daemon"), "dbus-daemon is missing: `make setup` installs it"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    service = subprocess.Popen(
        [sys.executable, str(SERVICE), address], stdout=subprocess.PIPE, text=True
    )
    lines = Lines(service)
    try:
        assert service.stdout is not None
        assert select.select([service.stdout], [], [], 30)[0], "the stand-in did not start"
        assert lines.poll()[:1] == ["ready"]
        yield address, lines
    finally:
        for proc in (service, daemon):
            proc.kill()
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


def test_a_session_inhibits_and_releasing_ends_it(qtbot: QtBot, bus: tuple[str, Lines]) -> None:
    address, lines = bus
    names: list[str] = []

    def connect(name: str) -> QDBusConnection:
        conn = QDBusConnection.connectToBus(address, name)
        names.append(conn.baseService())
        return conn

    inhibitor = ScreenSaverInhibitor(connect)
    with qtbot.waitSignal(inhibitor.inhibited, timeout=10_000) as inhibited:
        inhibitor.inhibit("A massage session is running")
    assert inhibited.args == ["org.freedesktop.ScreenSaver"]
    assert inhibitor.holders == ("org.freedesktop.ScreenSaver",)
    qtbot.waitUntil(lambda: len(lines.poll()) >= 2)
    assert lines.seen[1] == "inhibit massage-desktop A massage session is running"
    with qtbot.waitSignal(inhibitor.released):
        inhibitor.release()
    assert not inhibitor.active
    qtbot.waitUntil(lambda: f"gone {names[0]}" in lines.poll(), timeout=10_000)


def test_asking_twice_inhibits_once(qtbot: QtBot, bus: tuple[str, Lines]) -> None:
    address, _lines = bus
    made: list[str] = []

    def connect(name: str) -> QDBusConnection:
        made.append(name)
        return QDBusConnection.connectToBus(address, name)

    inhibitor = ScreenSaverInhibitor(connect)
    with qtbot.waitSignal(inhibitor.inhibited, timeout=10_000):
        inhibitor.inhibit("one")
        inhibitor.inhibit("two")
    assert len(made) == 1
    inhibitor.release()


def test_without_a_bus_it_does_nothing_and_release_is_safe() -> None:
    inhibitor = ScreenSaverInhibitor(lambda name: None)
    inhibitor.inhibit("A massage session is running")
    assert not inhibitor.active
    assert inhibitor.holders == ()
    inhibitor.release()
    assert not inhibitor.active
