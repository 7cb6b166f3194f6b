"""Reminders as desktop notifications: a real private session bus with a stand-in server on it.

The stand-in only answers a Notify whose replaces_id is a uint32, as real servers do, so a
notification seen there was sent as the specification asks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from app_driver import start_view
from private_bus import Service, bus_with
from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from builders import Clocks
from massage_desktop.app import app_icon, window_maker
from massage_desktop.desktop_entry import APP_ID
from massage_desktop.reminders.model import EVERY_DAY
from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.reminders import ReminderStore
from massage_desktop.ui.desktop.notifications import Notifier
from massage_desktop.ui.desktop.presence import Presence, background_presence
from massage_desktop.ui.desktop.single_instance import SingleInstance
from massage_desktop.ui.setup.age_input import ChildPicker

STAND_IN = Path(__file__).with_name("fake_notifications.py")


@pytest.fixture
def server() -> Iterator[Service]:
    with bus_with(STAND_IN) as service:
        yield service


@pytest.fixture
def bee() -> Child:
    history = History.open(UserDirs.from_env().history_file)
    child = Children(history.db).add("Bee", date.today() - timedelta(weeks=30))
    history.close()
    return child


@pytest.fixture
def clocks() -> Clocks:
    return Clocks(datetime.combine(date.today(), time(18, 59)))


@pytest.fixture
def presence(
    qtbot: QtBot, qapp: QApplication, server: Service, clocks: Clocks
) -> Iterator[Presence]:
    dirs = UserDirs.from_env()
    owner = QObject()
    instance = SingleInstance(dirs.data, owner)
    bus = QDBusConnection.connectToBus(server.address, "reminder-test")
    maker = window_maker(qapp, dirs, lambda *_: FakeVoice())
    made = background_presence(
        dirs,
        instance,
        maker,
        app_icon(),
        owner,
        bus=bus,
        clocks=(clocks.wall, clocks.monotonic),
        has_tray=False,
    )
    yield made
    window = made.background.window
    if window is not None:
        window.close()
    instance.release()
    owner.deleteLater()
    QDBusConnection.disconnectFromBus("reminder-test")


def remind_at_seven(child: Child, protocol_id: str = "relaxing") -> None:
    ReminderStore(UserDirs.from_env().reminders_file).add(
        child.id, protocol_id, (time(19),), EVERY_DAY
    )


def notified(qtbot: QtBot, server: Service, count: int = 1) -> dict[str, Any]:
    """The `count`th notification the stand-in was sent."""
    qtbot.waitUntil(lambda: len(server.lines("notify ")) >= count, timeout=10_000)
    shown: dict[str, Any] = json.loads(server.lines("notify ")[count - 1])
    return shown


def test_a_due_reminder_is_sent_with_the_child_and_the_massage(
    qtbot: QtBot, server: Service, presence: Presence, clocks: Clocks, bee: Child
) -> None:
    remind_at_seven(bee)
    presence.background.start()
    assert presence.background.holding
    clocks.advance(minutes=1)
    presence.service.check_now()
    shown = notified(qtbot, server)
    assert shown["summary"] == "Massage time for Bee"
    assert shown["body"] == "Relaxing evening massage, at 19:00."
    assert shown["app"] == "Children's Massage"
    assert shown["icon"] == APP_ID
    assert shown["actions"] == ["start", "Start", "later", "Later"]
    assert shown["replaces"] == 0
    assert shown["hints"] == {"desktop-entry": APP_ID}


def test_a_reminder_added_while_running_is_armed_at_once(
    qtbot: QtBot, presence: Presence, clocks: Clocks, bee: Child
) -> None:
    presence.background.start()
    assert presence.service.next_check_ms > 55_000  # nothing to wait for: once a minute
    clocks.advance(seconds=30)  # 18:59:30; the reminder is for 19:00
    with qtbot.waitSignal(presence.service.checked, timeout=10_000):
        remind_at_seven(bee)  # as `remind add` or the window would, from outside
    assert len(presence.service.reminders) == 1
    assert presence.service.next_check_ms <= 31_000


def test_start_opens_the_set_up_for_that_child_and_massage(
    qtbot: QtBot, server: Service, presence: Presence, clocks: Clocks, bee: Child
) -> None:
    remind_at_seven(bee, "colic-constipation")
    presence.background.start()
    assert presence.background.window is None  # no window until one is wanted
    clocks.advance(minutes=1)
    presence.service.check_now()
    shown = notified(qtbot, server)
    server.send(f"invoke {shown['id']} start")
    qtbot.waitUntil(lambda: presence.background.window is not None, timeout=10_000)
    window = presence.background.window
    assert window is not None
    assert window.isVisible()
    start = start_view(window)
    assert start.chosen is not None
    assert start.chosen.protocol.id == "colic-constipation"
    picker = start.findChild(ChildPicker)
    assert picker is not None
    assert picker.child is not None
    assert picker.child.name == "Bee"


def test_later_brings_the_reminder_back_fifteen_minutes_on(
    qtbot: QtBot, server: Service, presence: Presence, clocks: Clocks, bee: Child
) -> None:
    remind_at_seven(bee)
    presence.background.start()
    clocks.advance(minutes=1)
    presence.service.check_now()
    first = notified(qtbot, server)
    server.send(f"invoke {first['id']} later")
    qtbot.waitUntil(lambda: bool(presence.service.watch.waiting), timeout=10_000)
    assert presence.service.watch.waiting[0].at == clocks.now + timedelta(minutes=15)
    assert presence.background.window is None
    clocks.advance(minutes=14)
    assert presence.service.check_now() == []
    clocks.advance(minutes=1)
    [again] = presence.service.check_now()
    second = notified(qtbot, server, 2)
    assert second["summary"] == "Massage time for Bee"
    assert second["body"] == "Relaxing evening massage, put off from 19:00."
    assert again.due.put_off_from == clocks.now - timedelta(minutes=15)


def test_after_a_postponed_safety_check_the_note_says_not_today(
    qtbot: QtBot, server: Service, presence: Presence, clocks: Clocks, bee: Child
) -> None:
    remind_at_seven(bee)
    ReminderStore(UserDirs.from_env().reminders_file).note_check(bee.id, "postpone", "relaxing")
    presence.background.start()
    clocks.advance(minutes=1)
    presence.service.check_now()
    shown = notified(qtbot, server)
    assert shown["summary"] == "Not today, perhaps: Bee"
    assert "said: Not today. Postpone the massage." in shown["body"]


def test_a_sleep_brings_one_notification_on_waking(
    qtbot: QtBot, server: Service, presence: Presence, clocks: Clocks, bee: Child
) -> None:
    store = ReminderStore(UserDirs.from_env().reminders_file)
    store.add(bee.id, "relaxing", (time(19), time(19, 30)), EVERY_DAY)
    store.add(bee.id, "headache", (time(19, 45),), EVERY_DAY)
    presence.background.start()
    clocks.sleep(hours=1)
    [given] = presence.service.check_now()
    shown = notified(qtbot, server)
    assert shown["body"] == (
        "Acupressure for a headache, due at 19:45 while the computer was asleep. "
        "2 other reminders fell due meanwhile."
    )
    assert given.due.missed


def test_a_second_launch_opens_the_window_of_the_background(
    qtbot: QtBot, presence: Presence
) -> None:
    presence.background.start()
    second = SingleInstance(UserDirs.from_env().data)
    assert not second.acquire()
    qtbot.waitUntil(lambda: presence.background.window is not None, timeout=10_000)


def test_without_a_notification_server_the_reminder_is_still_given_for_the_tray(
    qtbot: QtBot, clocks: Clocks, bee: Child
) -> None:
    from massage_desktop.protocol import load_library
    from massage_desktop.reminders.gate import from_files
    from massage_desktop.ui.desktop.reminder_service import ReminderService

    dirs = UserDirs.from_env()
    remind_at_seven(bee)
    notifier = Notifier(None)
    assert not notifier.available
    assert notifier.notify("Hello", "there", ()) is None
    notices = from_files(dirs.history_file, load_library().protocols)
    store = ReminderStore(dirs.reminders_file)
    service = ReminderService(store, notices, notifier, clocks.wall, clocks.monotonic)
    service.start()
    clocks.advance(minutes=1)
    with qtbot.waitSignal(service.shown) as shown:
        [given] = service.check_now()
    assert given.summary == "Massage time for Bee"
    assert shown.args == [given, False]  # not delivered: the tray shows it itself
