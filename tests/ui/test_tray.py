"""The tray icon of the background presence: its menu, its tooltip, and its own message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from builders import Clocks
from massage_desktop.app import app_icon
from massage_desktop.reminders.gate import Kind, Notice
from massage_desktop.reminders.model import EVERY_DAY
from massage_desktop.reminders.schedule import Due
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.reminders import LastCheck, ReminderStore
from massage_desktop.ui.desktop.notifications import Notifier
from massage_desktop.ui.desktop.reminder_service import ReminderService
from massage_desktop.ui.desktop.tray import TrayPresence

SEVEN = datetime.combine(date.today(), time(19))
# The offscreen platform (tests only) has no tray of its own: Qt says so when an icon is made.
pytestmark = pytest.mark.qt_log_ignore(
    r"No such signal QPlatformNativeInterface::systemTrayWindowChanged"
)


def plain_notices(
    dues: Sequence[Due], checks: Mapping[int, LastCheck], now: datetime
) -> list[Notice]:
    """Every due reminder as a notice for child 1, whatever the history says."""
    return [
        Notice(d, Kind.REMIND, 1, d.reminder.protocol_id, "Massage time for Bee", "Relaxing.")
        for d in dues
    ]


@pytest.fixture
def clocks() -> Clocks:
    return Clocks(SEVEN - timedelta(minutes=1))


@pytest.fixture
def service(qtbot: QtBot, clocks: Clocks) -> ReminderService:
    store = ReminderStore(UserDirs.from_env().reminders_file)
    store.add(1, "relaxing", (time(19),), EVERY_DAY)
    return ReminderService(store, plain_notices, Notifier(None), clocks.wall, clocks.monotonic)


def test_without_a_tray_there_is_no_icon_at_all(service: ReminderService) -> None:
    tray = TrayPresence(service, app_icon(), has_tray=False)
    assert tray.icon is None
    assert tray.tooltip == ""


def test_the_tooltip_says_when_the_next_reminder_comes(service: ReminderService) -> None:
    tray = TrayPresence(service, app_icon(), has_tray=True)
    service.start()
    assert tray.icon is not None
    assert tray.tooltip == f"Children's Massage: next reminder {SEVEN:%a} 19:00"


def test_the_menu_opens_the_window_or_stops_the_reminders(
    qtbot: QtBot, service: ReminderService
) -> None:
    tray = TrayPresence(service, app_icon(), has_tray=True)
    with qtbot.waitSignal(tray.open_requested):
        tray.menu_action("open").trigger()
    with qtbot.waitSignal(tray.quit_requested):
        tray.menu_action("quit").trigger()
    with qtbot.waitSignal(tray.open_requested):
        assert tray.icon is not None
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)


def test_with_no_notification_server_the_tray_shows_it_and_a_click_starts(
    qtbot: QtBot, service: ReminderService, clocks: Clocks
) -> None:
    tray = TrayPresence(service, app_icon(), has_tray=True)
    service.start()
    clocks.advance(minutes=1)
    with qtbot.waitSignal(service.shown) as shown:
        service.check_now()
    assert shown.args is not None
    assert shown.args[1] is False  # no notification server carried it
    assert tray.icon is not None
    with qtbot.waitSignal(service.start_requested) as started:
        tray.icon.messageClicked.emit()
    assert started.args == [1, "relaxing"]
