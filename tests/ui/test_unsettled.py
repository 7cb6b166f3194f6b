"""'Baby unsettled': U pauses, each cue is recorded, two in a minute suggest finishing gently."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_fakes import FakeController, make_plan, show_active, step, three_steps

from massage_desktop.engine import Cue
from massage_desktop.ui.keys import Action, KeyMap
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.session.unsettled import CUES, SUGGEST_FINISH, Choice, UnsettledDialog
from massage_desktop.ui.session.view import SessionView


@pytest.fixture
def controller() -> FakeController:
    return FakeController(suggest_finish_after=2)


@pytest.fixture
def view(qtbot: QtBot, controller: FakeController) -> SessionView:
    widget = SessionView(KeyMap.defaults())
    qtbot.addWidget(widget)
    widget.attach(controller, three_steps())
    show_active(qtbot, widget)
    controller.session_started.emit()
    controller.step_started.emit(0)
    return widget


def open_dialog(qtbot: QtBot, view: SessionView) -> UnsettledDialog:
    with qtbot.waitSignal(view.session_actions.dialog_opened) as opened:
        qtbot.keyClick(view, Qt.Key.Key_U)
    dialog = opened.args[0]
    assert isinstance(dialog, UnsettledDialog)
    return dialog


def test_the_cues_offered_are_the_engines(qtbot: QtBot) -> None:
    assert {cue for cue, _ in CUES} == {c.value for c in Cue}


def test_u_pauses_at_once_and_opens_the_dialog(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    dialog = open_dialog(qtbot, view)
    assert controller.names == ["pause"]
    assert dialog.isVisible()
    assert view.unsettled_dialog is dialog


def test_the_big_button_opens_it_too(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    with qtbot.waitSignal(view.session_actions.dialog_opened):
        qtbot.mouseClick(view.controls.button(Action.UNSETTLED), Qt.MouseButton.LeftButton)
    assert controller.names == ["pause"]


def test_a_cue_is_recorded_once_and_one_sign_suggests_nothing(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    dialog = open_dialog(qtbot, view)
    qtbot.mouseClick(dialog.cue_button("hiccups"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cue_button("hiccups"), Qt.MouseButton.LeftButton)
    assert controller.calls[1:] == [("unsettled", "hiccups")]
    assert dialog.advice == ""


def test_two_signs_suggest_finishing_gently(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    dialog = open_dialog(qtbot, view)
    qtbot.mouseClick(dialog.cue_button("crying"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cue_button("arching"), Qt.MouseButton.LeftButton)
    assert dialog.advice == SUGGEST_FINISH
    assert dialog.choice_button(Choice.FINISH_GENTLY).isDefault()


@pytest.mark.parametrize(
    ("choice", "call"),
    [
        (Choice.RESUME, ("resume",)),
        (Choice.SKIP, ("next",)),
        (Choice.FINISH_GENTLY, ("finish_gently",)),
        (Choice.END, ("stop", "baby unsettled")),
    ],
)
def test_each_choice_does_what_it_says_and_closes_the_dialog(
    qtbot: QtBot,
    view: SessionView,
    controller: FakeController,
    choice: Choice,
    call: tuple[str, ...],
) -> None:
    dialog = open_dialog(qtbot, view)
    qtbot.mouseClick(dialog.choice_button(choice), Qt.MouseButton.LeftButton)
    assert controller.calls[-1] == call
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: view.unsettled_dialog is None)


def test_enter_resumes_by_default(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    dialog = open_dialog(qtbot, view)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert controller.names == ["pause", "resume"]


def test_escape_closes_it_and_the_session_stays_paused(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    dialog = open_dialog(qtbot, view)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert controller.names == ["pause"]
    assert view.state_text == "Paused"


def test_with_the_real_controller_two_signs_suggest_finishing_gently(qtbot: QtBot) -> None:
    plan = make_plan(step("hello-strokes", reps=10, tempo=5.0))
    real = SessionController(plan)
    view = SessionView(KeyMap.defaults())
    qtbot.addWidget(view)
    view.attach(real, plan)
    show_active(qtbot, view)
    real.start()
    dialog = open_dialog(qtbot, view)
    assert view.state_text == "Paused"
    qtbot.mouseClick(dialog.cue_button("fussing"), Qt.MouseButton.LeftButton)
    assert dialog.advice == ""
    qtbot.mouseClick(dialog.cue_button("yawning"), Qt.MouseButton.LeftButton)
    assert dialog.advice == SUGGEST_FINISH
    assert [c.cue for c in real.engine.record.cues] == [Cue.FUSSING, Cue.YAWNING]
    real.stop("done")
