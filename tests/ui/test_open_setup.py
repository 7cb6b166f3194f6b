"""The set-up opened for a saved child and a massage: by --child, or by a reminder's Start."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from app_driver import start_a_session, start_view, started
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.setup.age_input import ChildPicker
from massage_desktop.ui.setup.start_view import StartView

pytestmark = pytest.mark.usefixtures("app_look")


@pytest.fixture
def bee() -> Child:
    history = History.open(UserDirs.from_env().history_file)
    child = Children(history.db).add("Bee", date.today() - timedelta(weeks=30))
    history.close()
    return child


def chosen_child(start: StartView) -> str | None:
    picker = start.findChild(ChildPicker)
    assert picker is not None
    return picker.child.name if picker.child is not None else None


@pytest.mark.usefixtures("bee")
def test_child_and_protocol_on_the_command_line_open_their_set_up(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False), child="bee", protocol="relaxing")
    start = start_view(window)
    assert chosen_child(start) == "Bee"
    assert start.chosen is not None
    assert start.chosen.protocol.id == "relaxing"


def test_a_child_not_saved_is_named_in_the_notice(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False), child="Zed")
    assert window.notice.text == "No saved child is called 'Zed'."
    assert chosen_child(start_view(window)) is None


def test_a_massage_that_does_not_fit_the_child_says_so(qtbot: QtBot, bee: Child) -> None:
    window, startup = started(qtbot, FakeVoice(available=False))
    startup.open_setup(bee.id, "age-1-3-months")
    assert chosen_child(start_view(window)) == "Bee"
    assert window.notice.text == "The massage 'age-1-3-months' is not offered now."


def test_a_running_session_is_never_interrupted(qtbot: QtBot, bee: Child) -> None:
    window, startup = started(qtbot, FakeVoice(available=False))
    session = start_a_session(window)
    startup.open_setup(bee.id, "headache")
    assert window.pages.currentWidget() is session
    assert isinstance(session, SessionView)
    assert window.notice.text == "A session is running; the reminder can wait."
