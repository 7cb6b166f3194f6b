"""Records, Reminders: list, add and remove; Start with the desktop; the safety check's answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from app_driver import start_view, started
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.desktop_entry import APP_ID
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.reminders.model import EVERY_DAY, WEEKDAYS
from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.reminders import ReminderStore
from massage_desktop.store.settings import SettingsStore
from massage_desktop.ui.records.reminders_dialog import RemindersDialog
from massage_desktop.ui.setup.safety_check import SafetyCheck


@pytest.fixture
def history() -> Iterator[History]:
    opened = History.open(UserDirs.from_env().history_file)
    yield opened
    opened.close()


@pytest.fixture
def kids(history: History) -> list[Child]:
    children = Children(history.db)
    children.add("Bee", date.today() - timedelta(weeks=30))
    children.add("Wren", date.today() - timedelta(weeks=60))
    return children.all()


@pytest.fixture
def store() -> ReminderStore:
    return ReminderStore(UserDirs.from_env().reminders_file)


@pytest.fixture(scope="module")
def protocols() -> list[Protocol]:
    return list(load_library().protocols.values())


def dialog_of(
    qtbot: QtBot, store: ReminderStore, kids: list[Child], protocols: list[Protocol]
) -> RemindersDialog:
    dialog = RemindersDialog(store, kids, protocols)
    qtbot.addWidget(dialog)
    return dialog


def texts(dialog: RemindersDialog) -> list[str]:
    shown = dialog.reminder_list
    return [shown.item(i).text() for i in range(shown.count())]


def test_the_list_names_the_child_the_massage_the_times_and_the_days(
    qtbot: QtBot, store: ReminderStore, kids: list[Child], protocols: list[Protocol]
) -> None:
    store.add(kids[0].id, "relaxing", (time(19),), WEEKDAYS)
    store.add(kids[1].id, "colic-constipation", (time(9), time(13), time(18)), EVERY_DAY)
    assert texts(dialog_of(qtbot, store, kids, protocols)) == [
        "Relaxing evening massage for Bee at 19:00, on weekdays",
        "Tummy massage for colic for Wren at 09:00, 13:00 and 18:00, every day",
    ]


@pytest.mark.usefixtures("app_look", "kids")
def test_the_dialog_fits_a_small_screen(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))  # the window's look, large type aside
    window.menu_action("reminders").trigger()
    dialog = window.findChild(RemindersDialog)
    assert dialog is not None
    dialog.fill(1, "relaxing", "19:00", [])
    dialog.button("add").click()  # the status line shows, saying why not
    assert dialog.status_text
    least = dialog.minimumSizeHint()
    # A 1024 by 600 screen, less the dialog's title bar.
    assert least.width() <= 1024
    assert least.height() <= 552


def test_adding_from_the_form_saves_the_reminder(
    qtbot: QtBot, store: ReminderStore, kids: list[Child], protocols: list[Protocol]
) -> None:
    dialog = dialog_of(qtbot, store, kids, protocols)
    with qtbot.waitSignal(dialog.reminders_changed):
        dialog.fill(kids[1].id, "headache", "18:30, 08:00", [0, 2, 4])
        dialog.button("add").click()
    [saved] = store.load().reminders
    assert (saved.child_id, saved.protocol_id) == (kids[1].id, "headache")
    assert saved.times == (time(8), time(18, 30))
    assert saved.days == frozenset({0, 2, 4})
    assert dialog.status_text == (
        "Added: Acupressure for a headache for Wren at 08:00 and 18:30, on Mon, Wed and Fri."
    )
    assert dialog.reminder_list.currentItem() is not None


@pytest.mark.parametrize(
    ("times", "days", "why"),
    [
        ("7pm", [0], "'7pm' is not a time of day"),
        ("", [0], "give at least one time"),
        ("19:00", [], "give at least one day"),
    ],
)
def test_a_bad_time_or_no_day_is_refused_with_the_reason(
    qtbot: QtBot,
    store: ReminderStore,
    kids: list[Child],
    protocols: list[Protocol],
    times: str,
    days: list[int],
    why: str,
) -> None:
    dialog = dialog_of(qtbot, store, kids, protocols)
    dialog.fill(kids[0].id, "relaxing", times, days)
    dialog.button("add").click()
    assert why in dialog.status_text
    assert store.load().reminders == ()


def test_removing_takes_the_chosen_reminder_away(
    qtbot: QtBot, store: ReminderStore, kids: list[Child], protocols: list[Protocol]
) -> None:
    store.add(kids[0].id, "relaxing", (time(19),), WEEKDAYS)
    kept = store.add(kids[1].id, "headache", (time(8),), WEEKDAYS)
    dialog = dialog_of(qtbot, store, kids, protocols)
    dialog.reminder_list.setCurrentRow(0)
    dialog.button("remove").click()
    assert store.load().reminders == (kept,)
    assert texts(dialog) == ["Acupressure for a headache for Wren at 08:00, on weekdays"]
    assert dialog.status_text.startswith("Removed: Relaxing evening massage for Bee")


def test_without_children_there_is_nothing_to_add_and_it_says_why(
    qtbot: QtBot, store: ReminderStore, protocols: list[Protocol]
) -> None:
    dialog = dialog_of(qtbot, store, [], protocols)
    assert not dialog.button("add").isEnabled()
    assert "Add a child first" in dialog.status_text


@pytest.mark.usefixtures("app_look", "kids")
def test_records_reminders_opens_the_dialog(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    assert window.menu_action("reminders").isEnabled()
    window.menu_action("reminders").trigger()
    dialog = window.findChild(RemindersDialog)
    assert dialog is not None
    dialog.fill(1, "relaxing", "19:00", range(7))
    dialog.button("add").click()
    assert len(ReminderStore(UserDirs.from_env().reminders_file).load().reminders) == 1


@pytest.mark.usefixtures("app_look")
def test_start_with_the_desktop_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    entry = tmp_path / "xdg" / "autostart" / f"{APP_ID}.desktop"
    window, _ = started(qtbot, FakeVoice(available=False))
    action = window.menu_action("start_with_desktop")
    assert not action.isChecked()
    action.trigger()
    assert "--tray" in entry.read_text(encoding="utf-8")
    settings = SettingsStore(UserDirs.from_env().settings_file)
    assert settings.load().settings.start_with_desktop
    action.trigger()
    assert not entry.exists()
    assert not settings.load().settings.start_with_desktop


@pytest.mark.usefixtures("app_look")
def test_an_autostart_entry_that_cannot_be_written_is_reported_and_unticked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    window, _ = started(qtbot, FakeVoice(available=False))
    action = window.menu_action("start_with_desktop")
    action.trigger()
    assert not action.isChecked()
    assert "Could not change the start with the desktop" in window.notice.text
    assert not SettingsStore(UserDirs.from_env().settings_file).load().settings.start_with_desktop


@pytest.mark.usefixtures("app_look")
def test_the_safety_check_s_answer_is_kept_for_the_reminders(
    qtbot: QtBot, kids: list[Child]
) -> None:
    window, startup = started(qtbot, FakeVoice(available=False))
    startup.open_setup(kids[0].id, "relaxing")
    start_view(window).continue_button.click()
    check = window.pages.currentWidget()
    assert isinstance(check, SafetyCheck)
    store = ReminderStore(UserDirs.from_env().reminders_file)
    check.condition_box("fever").checked = True
    last = store.load().checks[kids[0].id]
    assert (last.verdict, last.protocol_id) == ("postpone", "relaxing")
    check.condition_box("fever").checked = False
    assert store.load().checks[kids[0].id].verdict == "go"
