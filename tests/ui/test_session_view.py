"""The session view: what it shows for each controller signal, and every button and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import FakeController, make_plan, show_active, step, three_steps

from massage_desktop.bodymap import Side
from massage_desktop.plan import Plan
from massage_desktop.ui.keys import Action, KeyMap
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.theme import PALETTES, Look, ThemeManager

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def controller() -> FakeController:
    return FakeController()


@pytest.fixture
def view(qtbot: QtBot, controller: FakeController) -> SessionView:
    widget = SessionView(KeyMap.defaults())
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.attach(controller, three_steps())
    show_active(qtbot, widget)
    controller.session_started.emit()
    controller.step_started.emit(0)
    return widget


# --- what it shows ---------------------------------------------------------------------------


def test_a_step_shows_its_title_instruction_and_the_next_step(
    view: SessionView, controller: FakeController
) -> None:
    controller.step_started.emit(1)
    assert view.panel.title == "Arm stroking, left side"
    assert view.panel.instruction == "Stroke the arm gently (arm-stroking.left)."
    assert view.panel.next_text == "Next: Arm stroking, right side"
    assert view.ring.count_text == "0 / 8"
    assert view.ring.time_text == "0:40"


def test_the_last_step_says_so(view: SessionView, controller: FakeController) -> None:
    controller.step_started.emit(2)
    assert view.panel.next_text == "Last step"


def test_the_rhyme_line_being_spoken_shows_and_other_prompts_do_not(
    view: SessionView, controller: FakeController
) -> None:
    controller.prompt_due.emit("Halfway.", "halfway")
    assert view.panel.rhyme == ""
    controller.prompt_due.emit("This little piggy went to market,", "rhyme")
    assert view.panel.rhyme == "This little piggy went to market,"
    controller.step_started.emit(1)
    assert view.panel.rhyme == ""


def test_a_beat_counts_and_pulses(view: SessionView, controller: FakeController) -> None:
    controller.beat.emit(4, 5)
    assert view.ring.count_text == "4 / 5"
    assert view.ring.pulsing


def test_remaining_time_moves_the_ring_the_clock_and_the_bar(
    view: SessionView, controller: FakeController
) -> None:
    controller.step_started.emit(1)
    controller.remaining_changed.emit(10.0, 95.0)
    assert view.ring.time_text == "0:10"
    assert view.ring.fraction == pytest.approx(0.25)
    assert view.session_left_text == "1:35 left"
    # 30 s of hello strokes done, then 30 of the 40 s of the left arm, out of 110 s.
    assert view.progress.progress == pytest.approx(60 / 110)
    assert len(view.progress.marks) == 2


def test_added_time_grows_the_ring_instead_of_overflowing(
    view: SessionView, controller: FakeController
) -> None:
    controller.remaining_changed.emit(50.0, 120.0)
    assert view.ring.fraction == pytest.approx(1.0)
    controller.remaining_changed.emit(25.0, 95.0)
    assert view.ring.fraction == pytest.approx(0.5)


def test_pause_and_resume_change_the_state_and_the_pause_button(
    view: SessionView, controller: FakeController
) -> None:
    controller.paused.emit("")
    assert view.state_text == "Paused"
    assert view.controls.button(Action.PAUSE).text().startswith("Resume")
    controller.resumed.emit()
    assert view.state_text == ""
    assert view.controls.button(Action.PAUSE).text().startswith("Pause")


def test_the_end_shows_the_closing_words_and_a_way_back(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    with qtbot.waitSignal(view.ended) as ended:
        controller.finished.emit("completed", "")
    assert ended.args == ["completed"]
    assert view.panel.title == "All done"
    assert view.panel.instruction == "All done."
    assert not view.controls.button(Action.NEXT).isEnabled()
    assert view.done_button.isVisible()
    with qtbot.waitSignal(view.closed):
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)


def test_a_preview_is_marked_and_a_real_session_is_not(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    assert not view.preview_shown
    view.attach(controller, three_steps(), speed=4.0)
    assert view.preview_shown
    assert "not recorded" in view.badge_text


# --- buttons and keys --------------------------------------------------------------------------

SIMPLE = [
    (Action.NEXT, "next"),
    (Action.BACK, "back"),
    (Action.REPEAT, "repeat"),
    (Action.ADD_TIME, "add_time"),
    (Action.FINISH_GENTLY, "finish_gently"),
]


@pytest.mark.parametrize(("action", "call"), SIMPLE)
def test_each_button_calls_the_controller(
    qtbot: QtBot, view: SessionView, controller: FakeController, action: Action, call: str
) -> None:
    qtbot.mouseClick(view.controls.button(action), Qt.MouseButton.LeftButton)
    assert controller.names == [call]


@pytest.mark.parametrize(
    ("key", "call"),
    [
        (Qt.Key.Key_Right, "next"),
        (Qt.Key.Key_PageDown, "next"),
        (Qt.Key.Key_Left, "back"),
        (Qt.Key.Key_PageUp, "back"),
        (Qt.Key.Key_R, "repeat"),
        (Qt.Key.Key_Plus, "add_time"),
        (Qt.Key.Key_F, "finish_gently"),
    ],
)
def test_each_key_calls_the_controller(
    qtbot: QtBot, view: SessionView, controller: FakeController, key: Qt.Key, call: str
) -> None:
    qtbot.keyClick(view, key)
    assert controller.names == [call]


def test_space_pauses_then_resumes(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert controller.names == ["pause", "resume"]


def test_the_pause_button_pauses_then_resumes(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    pause = view.controls.button(Action.PAUSE)
    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    assert controller.names == ["pause", "resume"]


def test_escape_asks_before_stopping_and_a_second_escape_stops(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.confirm.asking
    assert controller.names == ["pause"]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert controller.names == ["pause", "stop"]
    assert not view.confirm.asking


def test_keep_going_resumes_without_stopping(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    qtbot.mouseClick(view.controls.button(Action.STOP), Qt.MouseButton.LeftButton)
    assert view.confirm.asking
    qtbot.mouseClick(view.confirm.keep_button(), Qt.MouseButton.LeftButton)
    assert controller.names == ["pause", "resume"]
    assert not view.confirm.asking


def test_stopping_from_a_pause_does_not_resume_on_keep_going(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseClick(view.confirm.keep_button(), Qt.MouseButton.LeftButton)
    assert controller.names == ["pause"]


def test_the_stop_button_in_the_question_stops(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseClick(view.confirm.stop_button(), Qt.MouseButton.LeftButton)
    assert controller.calls[-1] == ("stop", "stopped by the caregiver")


def test_keys_do_nothing_once_the_session_has_ended(
    qtbot: QtBot, view: SessionView, controller: FakeController
) -> None:
    controller.finished.emit("completed", "")
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_U):
        qtbot.keyClick(view, key)
    assert controller.names == []


def test_every_button_has_an_accessible_name(view: SessionView) -> None:
    for action in Action:
        if action in (Action.FULL_SCREEN, Action.COMPACT):  # the window's, not buttons
            continue
        widget = view.controls.button(action)
        assert widget.accessibleName(), action
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


# --- the real controller ------------------------------------------------------------------------


def quick_plan() -> Plan:
    """Two counted steps of 0.1 s each: a real session over in a blink."""
    return make_plan(
        step("arm-stroking.left", reps=2, tempo=0.05, side=Side.LEFT),
        step("arm-stroking.right", reps=2, tempo=0.05, side=Side.RIGHT),
    )


def test_with_the_real_controller_keys_move_through_a_session_to_its_end(qtbot: QtBot) -> None:
    plan = quick_plan()
    real = SessionController(plan, speed=20.0)
    view = SessionView(KeyMap.defaults())
    qtbot.addWidget(view)
    view.attach(real, plan, speed=20.0)
    show_active(qtbot, view)
    with qtbot.waitSignal(real.step_started):
        real.start()
    assert view.panel.title == "Arm stroking, left side"
    with qtbot.waitSignal(real.step_started) as started:
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert started.args == [1]
    assert view.panel.title == "Arm stroking, right side"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.state_text == "Paused"
    with qtbot.waitSignal(view.ended, timeout=10_000) as ended:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ended.args == ["completed"]
    assert view.panel.title == "All done"


# --- a picture -----------------------------------------------------------------------------------


def test_renders_the_session_view_to_a_png(
    qapp: QApplication, view: SessionView, controller: FakeController
) -> None:
    before = (qapp.styleSheet(), qapp.palette(), qapp.font())
    ThemeManager(qapp, Look("light"))
    try:
        controller.step_started.emit(1)
        controller.massage_started.emit(1)
        controller.prompt_due.emit("Round and round the garden,", "rhyme")
        controller.beat.emit(3, 8)
        controller.remaining_changed.emit(26.0, 75.0)
        QApplication.processEvents()  # let the layout settle before the picture
        image = view.grab().toImage()
    finally:
        qapp.setStyleSheet(before[0])
        qapp.setPalette(before[1])
        qapp.setFont(before[2])
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "session_view.png"
    assert image.save(str(target))
    ring = view.ring.geometry()
    accent = QColor(PALETTES["light"].accent).rgb()
    lit = [
        (x, y)
        for x in range(ring.left(), ring.right(), 3)
        for y in range(ring.top(), ring.bottom(), 3)
        if image.pixel(x, y) == accent
    ]
    assert lit, "the ring's arc is not painted in the accent colour"
    assert view.session_left_text == "1:15 left"
