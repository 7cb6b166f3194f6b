"""The --tray process: it waits for an open window to close, and makes its window on demand."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.app import window_maker
from massage_desktop.reminders.gate import Notice
from massage_desktop.reminders.schedule import Due
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.reminders import LastCheck, ReminderStore
from massage_desktop.ui.desktop.background import Background, SetUp
from massage_desktop.ui.desktop.notifications import Notifier
from massage_desktop.ui.desktop.reminder_service import ReminderService
from massage_desktop.ui.desktop.single_instance import SingleInstance
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.records.import_dialog import ImportDialog


def no_notices(dues: Sequence[Due], checks: Mapping[int, LastCheck], now: datetime) -> list[Notice]:
    return []


@pytest.fixture
def service(qtbot: QtBot) -> ReminderService:
    store = ReminderStore(UserDirs.from_env().reminders_file)
    return ReminderService(store, no_notices, Notifier(None))


@pytest.fixture
def instance() -> Iterator[SingleInstance]:
    held = SingleInstance(UserDirs.from_env().data)
    yield held
    held.release()


def test_it_waits_while_a_window_holds_the_folder_then_takes_over(
    qtbot: QtBot, qapp: QApplication, service: ReminderService, instance: SingleInstance
) -> None:
    window_process = SingleInstance(UserDirs.from_env().data)
    assert window_process.acquire()
    background = Background(service, window_maker(qapp, UserDirs.from_env()), instance, retry_ms=20)
    background.start()
    assert not background.holding
    assert service.next_check_ms == -1  # no reminders are watched yet
    window_process.release()
    qtbot.waitUntil(lambda: background.holding, timeout=5000)
    assert service.next_check_ms >= 0


def test_the_window_is_made_when_wanted_and_let_go_of_when_closed(
    qtbot: QtBot, qapp: QApplication, service: ReminderService, instance: SingleInstance
) -> None:
    maker = window_maker(qapp, UserDirs.from_env(), lambda *_: FakeVoice(available=False))
    background = Background(service, maker, instance)
    background.start()
    first = background.show_window()
    assert background.show_window() is first  # asked again: the same window comes forward
    first.close()
    qtbot.waitUntil(lambda: background.window is None)  # deleted once closed
    second = background.show_window()
    assert second.isVisible()
    second.close()


def test_a_file_handed_over_opens_the_window_at_its_import(
    qtbot: QtBot,
    qapp: QApplication,
    service: ReminderService,
    instance: SingleInstance,
    tmp_path: Path,
) -> None:
    maker = window_maker(qapp, UserDirs.from_env(), lambda *_: FakeVoice(available=False))
    background = Background(service, maker, instance)
    assert background.start()
    assert background.window is None
    second = SingleInstance(UserDirs.from_env().data)
    shared = tmp_path / "missing.massage"
    with qtbot.waitSignal(instance.open_requested, timeout=3000):
        assert not second.acquire(hand_over=[shared])
    window = background.window
    assert window is not None
    assert window.isVisible()
    dialog = next(d for d in window.findChildren(ImportDialog))
    assert dialog.refused  # a file that is not there says so; nothing is saved
    assert "missing.massage" in dialog.text
    window.close()


HOLDER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from massage_desktop.ui.desktop.single_instance import SingleInstance
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.records.import_dialog import ImportDialog
app = QCoreApplication([])
held = SingleInstance(Path(sys.argv[1]), role=sys.argv[2])
print("held" if held.acquire() else "refused", flush=True)
app.exec()
"""


@contextmanager
def held_by(role: str) -> Iterator[None]:
    """Another process holds the data folder as a 'window' or the background ('tray')."""
    folder = str(UserDirs.from_env().data)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, folder, role], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"
        yield
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.mark.slow
@pytest.mark.parametrize("role", ["window", "tray"])
def test_the_holder_says_whether_it_is_a_window_or_the_background(role: str) -> None:
    folder = UserDirs.from_env().data
    with held_by(role):
        assert SingleInstance(folder).holder_role() == role
    assert SingleInstance(folder).holder_role() is None  # nobody holds it now


@pytest.mark.slow
def test_a_second_background_presence_stops_at_once(
    qapp: QApplication, service: ReminderService, instance: SingleInstance
) -> None:
    background = Background(service, window_maker(qapp, UserDirs.from_env()), instance)
    with held_by("tray"):
        assert not background.start()
    assert not background.holding


def test_stopping_ends_the_reminders_and_the_program_with_its_window(
    qtbot: QtBot, qapp: QApplication, service: ReminderService, instance: SingleInstance
) -> None:
    quits: list[str] = []
    maker = window_maker(qapp, UserDirs.from_env(), lambda *_: FakeVoice(available=False))
    background = Background(service, maker, instance, quit_app=lambda: quits.append("quit"))
    background.start()
    assert service.next_check_ms >= 0
    window = background.show_window()
    background.stop()
    assert service.next_check_ms == -1  # no more reminders
    assert quits == []  # the window stays open for what it is doing
    window.close()
    qtbot.waitUntil(lambda: quits == ["quit"])


def test_stopping_without_a_window_ends_the_program_at_once(
    service: ReminderService, instance: SingleInstance
) -> None:
    quits: list[str] = []

    def no_window() -> tuple[MainWindow, SetUp]:
        raise AssertionError("no window is wanted")

    background = Background(service, no_window, instance, quit_app=lambda: quits.append("quit"))
    background.start()
    background.stop()
    assert quits == ["quit"]
