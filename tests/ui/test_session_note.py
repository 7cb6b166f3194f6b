"""The note after a recorded session: typed on the end screen, kept in the history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driver import run_a_session, start_a_session, started
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_fakes import FakeController, FakeVoice, show_active, three_steps

from massage_desktop.store.history import History, SessionStart
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.keys import KeyMap
from massage_desktop.ui.session.note import history_note
from massage_desktop.ui.session.view import SessionView


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    opened = History.open(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def controller() -> FakeController:
    return FakeController()


@pytest.fixture
def view(qtbot: QtBot, controller: FakeController) -> SessionView:
    widget = SessionView(KeyMap.defaults())
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    return widget


def run(qtbot: QtBot, view: SessionView, controller: FakeController) -> None:
    """Attach a session, show it and let it finish."""
    view.attach(controller, three_steps())
    show_active(qtbot, view)
    controller.session_started.emit()
    controller.step_started.emit(0)
    controller.finished.emit("completed", "")


def test_the_note_typed_at_the_end_is_saved_to_the_history(
    qtbot: QtBot, view: SessionView, controller: FakeController, history: History
) -> None:
    sid = history.start_session(SessionStart("relaxing", 1, "Relaxing", 600, 20.0))
    view.note.set_saver(history_note(history, lambda: sid))
    run(qtbot, view, controller)
    assert view.note.isVisible()
    assert view.done_button.hasFocus()
    view.note.editor.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(view.note.editor, "Relaxed, slept after")  # the session keys stay quiet
    with qtbot.waitSignal(view.note.note_saved):
        view.note.save_button.click()
    stored = history.session(sid)
    assert stored is not None
    assert stored.note == "Relaxed, slept after"
    assert view.note.status_text == "Note saved."


def test_typing_again_clears_the_saved_word(
    qtbot: QtBot, view: SessionView, controller: FakeController, history: History
) -> None:
    sid = history.start_session(SessionStart("relaxing", 1, "Relaxing", 600, 20.0))
    view.note.set_saver(history_note(history, lambda: sid))
    run(qtbot, view, controller)
    view.note.save_button.click()
    assert view.note.status_text == "Note saved."
    view.note.editor.setPlainText("More")
    assert view.note.status_text == ""


def test_an_unrecorded_session_asks_for_no_note(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    view.note.set_saver(None)
    run(qtbot, view, controller)
    assert view.done_button.isVisible()
    assert not view.note.isVisible()


def test_a_note_for_a_session_whose_start_was_not_written_says_so(
    qtbot: QtBot, view: SessionView, controller: FakeController, history: History
) -> None:
    view.note.set_saver(history_note(history, lambda: None))
    run(qtbot, view, controller)
    view.note.editor.setPlainText("Calm")
    view.note.save_button.click()
    assert view.note.status_text == "This session was not recorded, so the note cannot be kept."


def test_a_new_session_starts_with_an_empty_note(
    qtbot: QtBot, view: SessionView, controller: FakeController, history: History
) -> None:
    sid = history.start_session(SessionStart("relaxing", 1, "Relaxing", 600, 20.0))
    view.note.set_saver(history_note(history, lambda: sid))
    run(qtbot, view, controller)
    view.note.editor.setPlainText("Calm")
    view.done_button.click()
    view.attach(FakeController(), three_steps())
    assert view.note.editor.toPlainText() == ""
    assert not view.note.isVisible()


@pytest.mark.usefixtures("app_look")
def test_in_the_window_the_note_is_kept_with_the_session(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    session = run_a_session(qtbot, window)
    assert not session.note.isHidden()
    assert window.menu_action("history").isEnabled()
    session.note.editor.setPlainText("Bee was sleepy.")
    session.note.save_button.click()
    assert session.note.status_text == "Note saved."
    history = History.open(UserDirs.from_env().history_file, recover=False)
    [stored] = history.sessions()
    history.close()
    assert stored.note == "Bee was sleepy."


@pytest.mark.usefixtures("app_look")
def test_in_a_preview_no_note_is_asked(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False), speed=4.0)
    session = run_a_session(qtbot, window)
    assert not session.done_button.isHidden()
    assert session.note.isHidden()


@pytest.mark.usefixtures("app_look")
def test_the_records_wait_while_a_session_runs(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    start_a_session(window)
    assert not window.menu_action("children").isEnabled()
    assert not window.menu_action("history").isEnabled()
