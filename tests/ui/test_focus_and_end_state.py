"""Keys work again after a dialog closes; the unsettled dialog never overlaps; the end is inert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import FakeController, show_active, three_steps

from massage_desktop.store.settings import Settings, SettingsStore
from massage_desktop.ui.keys import Action, KeyMap
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.preferences import Preferences
from massage_desktop.ui.session import unsettled
from massage_desktop.ui.session.unsettled import CUES, Choice, UnsettledDialog
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.theme import Look, ThemeManager

SESSION_KEYS = (
    Qt.Key.Key_Space,
    Qt.Key.Key_Right,
    Qt.Key.Key_Left,
    Qt.Key.Key_R,
    Qt.Key.Key_Plus,
    Qt.Key.Key_F,
    Qt.Key.Key_Escape,
    Qt.Key.Key_U,
)


@pytest.fixture
def controller() -> FakeController:
    return FakeController(suggest_finish_after=2)


@pytest.fixture
def window(qtbot: QtBot, controller: FakeController) -> MainWindow:
    main = MainWindow()
    qtbot.addWidget(main)
    view = SessionView(KeyMap.defaults())
    main.add_page(view)
    view.attach(controller, three_steps())
    main.show_page(view)
    show_active(qtbot, main)
    controller.session_started.emit()
    controller.step_started.emit(0)
    return main


@pytest.fixture
def themed(qapp: QApplication, large: bool) -> Iterator[None]:
    before = (qapp.styleSheet(), qapp.palette(), qapp.font())
    manager = ThemeManager(qapp, Look("light", large_type=large))
    yield
    manager.setParent(None)
    qapp.setStyleSheet(before[0])
    qapp.setPalette(before[1])
    qapp.setFont(before[2])


def session(window: MainWindow) -> SessionView:
    view = window.pages.currentWidget()
    assert isinstance(view, SessionView)
    return view


def open_unsettled(qtbot: QtBot, view: SessionView) -> UnsettledDialog:
    with qtbot.waitSignal(view.session_actions.dialog_opened) as opened:
        qtbot.keyClick(view, Qt.Key.Key_U)
    dialog = opened.args[0]
    assert isinstance(dialog, UnsettledDialog)
    wait_active(qtbot, dialog)
    return dialog


def wait_active(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def press_next_and_see_it_arrive(
    qtbot: QtBot, window: MainWindow, controller: FakeController
) -> None:
    wait_active(qtbot, window)
    before = len(controller.calls)
    qtbot.keyClick(session(window), Qt.Key.Key_Right)
    assert controller.names[before:] == ["next"]


# --- focus after a dialog --------------------------------------------------------------------


@pytest.mark.parametrize("choice", [Choice.RESUME, Choice.SKIP, Choice.FINISH_GENTLY])
def test_after_the_unsettled_dialog_the_keys_reach_the_controller(
    qtbot: QtBot, window: MainWindow, controller: FakeController, choice: Choice
) -> None:
    dialog = open_unsettled(qtbot, session(window))
    qtbot.mouseClick(dialog.choice_button(choice), Qt.MouseButton.LeftButton)
    press_next_and_see_it_arrive(qtbot, window, controller)


def test_after_escape_from_the_unsettled_dialog_the_keys_work(
    qtbot: QtBot, window: MainWindow, controller: FakeController
) -> None:
    dialog = open_unsettled(qtbot, session(window))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    press_next_and_see_it_arrive(qtbot, window, controller)
    qtbot.keyClick(session(window), Qt.Key.Key_Space)
    assert controller.names[-1] == "resume"


def test_after_the_keys_dialog_the_keys_work(
    qtbot: QtBot, window: MainWindow, controller: FakeController, tmp_path: Path
) -> None:
    prefs = Preferences(SettingsStore(tmp_path / "settings.json"), Settings())
    dialog = prefs.edit_keys(window)
    wait_active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    press_next_and_see_it_arrive(qtbot, window, controller)


# --- the unsettled dialog's layout -----------------------------------------------------------


@pytest.mark.parametrize("long_advice", [False, True])
@pytest.mark.parametrize("large", [False, True])
def test_nothing_overlaps_once_the_advice_shows(
    qtbot: QtBot,
    window: MainWindow,
    themed: None,
    large: bool,
    long_advice: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if long_advice:  # advice that wraps, as a translation or larger type may make it
        monkeypatch.setattr(unsettled, "SUGGEST_FINISH", " ".join([unsettled.SUGGEST_FINISH] * 3))
    dialog = open_unsettled(qtbot, session(window))
    for cue in ("crying", "arching"):
        qtbot.mouseClick(dialog.cue_button(cue), Qt.MouseButton.LeftButton)
    assert dialog.advice
    qtbot.waitUntil(lambda: dialog.height() >= dialog.sizeHint().height())
    cues = [dialog.cue_button(cue).geometry() for cue, _ in CUES]
    choices = [dialog.choice_button(choice).geometry() for choice in Choice]
    boxes = cues + choices
    for k, one in enumerate(boxes):
        assert dialog.rect().contains(one)
        for other in boxes[k + 1 :]:
            assert not one.intersects(other), (one, other)
    lowest_cue = max(g.bottom() for g in cues)
    highest_choice = min(g.top() for g in choices)
    assert lowest_cue < highest_choice
    assert dialog.choice_button(Choice.FINISH_GENTLY).property("primary") is True


# --- the end state ---------------------------------------------------------------------------


def test_once_ended_every_control_is_off_and_the_keys_do_nothing(
    qtbot: QtBot, window: MainWindow, controller: FakeController
) -> None:
    view = session(window)
    dialog = open_unsettled(qtbot, view)
    qtbot.mouseClick(dialog.choice_button(Choice.END), Qt.MouseButton.LeftButton)
    assert controller.calls[-1] == ("stop", "baby unsettled")
    for action in Action:
        if action not in (Action.FULL_SCREEN, Action.COMPACT):  # the window's, not buttons
            assert not view.controls.button(action).isEnabled(), action
    unsettled = view.controls.button(Action.UNSETTLED)
    assert unsettled.property("role") != "unsettled"  # no caution colour on a dead button
    assert view.controls.button(Action.PAUSE).accessibleName() == "Pause"
    wait_active(qtbot, window)
    assert view.done_button.hasFocus()
    calls = list(controller.calls)
    for key in SESSION_KEYS:
        qtbot.keyClick(view, key)
    assert controller.calls == calls
    assert view.unsettled_dialog is None
    assert not view.confirm.asking
    assert view.done_button.hasFocus()
    assert window.pages.currentWidget() is view


def test_a_new_session_gets_the_caution_colour_back(
    qtbot: QtBot, window: MainWindow, controller: FakeController
) -> None:
    view = session(window)
    controller.stop("done")
    view.attach(FakeController(), three_steps())
    unsettled = view.controls.button(Action.UNSETTLED)
    assert unsettled.isEnabled()
    assert unsettled.property("role") == "unsettled"
