"""The dot on the body diagram: it follows the session clock, pauses, waits and can be turned off.

A real SessionController runs a shipped plan on a clock the test moves; frames come from the
motion's own timer, so each check waits for the dot to get where the clock says it must be.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from window_fakes import protocol

from massage_desktop.plan import Plan, plan
from massage_desktop.strokes.overlay import STROKE_COLOURS
from massage_desktop.strokes.path import StrokePath
from massage_desktop.ui.keys import KeyMap
from massage_desktop.ui.session.body_diagram import BodyDiagram
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.session.stroke_dot import to_widget
from massage_desktop.ui.session.stroke_motion import StrokeMotion
from massage_desktop.ui.session.view import SessionView

TEMPO_S = 5.0  # the arm is stroked once every 5 s in general strengthening


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Session:
    """A session view with the real body diagram and controller, on the arm stroking step."""

    def __init__(self, qtbot: QtBot, step_id: str = "arm-stroking.left") -> None:
        self.qtbot = qtbot
        self.clock = FakeClock()
        self.plan: Plan = plan(protocol("general-strengthening"), 30)
        self.index = [s.id for s in self.plan.steps].index(step_id)
        self.controller = SessionController(self.plan, self.clock)
        self.diagram = BodyDiagram(animated=False)
        self.view = SessionView(KeyMap.defaults(), self.diagram)
        qtbot.addWidget(self.view)
        self.view.resize(1280, 760)
        self.view.attach(self.controller, self.plan)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.controller.start()
        for _ in range(self.index):
            self.controller.next()

    @property
    def motion(self) -> StrokeMotion:
        assert self.view.motion is not None
        return self.view.motion

    @property
    def path(self) -> StrokePath:
        assert self.diagram.path is not None
        return self.diagram.path

    def speak_instruction(self) -> None:
        self.controller.speech_ended()

    def dot_reaches(self, fraction: float) -> None:
        """Wait for a frame to put the dot `fraction` of the way along the path."""

        def there() -> None:
            assert self.diagram.dot_fraction == pytest.approx(fraction, abs=1e-6)

        self.qtbot.waitUntil(there, timeout=2000)


@pytest.fixture
def session(qtbot: QtBot) -> Session:
    return Session(qtbot)


def test_the_dot_waits_at_the_start_while_the_instruction_is_spoken(session: Session) -> None:
    assert session.diagram.path == session.plan.steps[session.index].path
    assert "Arrows show the way the hand goes." in session.diagram.accessibleDescription()
    assert session.diagram.dot_fraction == 0.0
    assert not session.motion.running
    session.clock.advance(3.0)
    session.controller.pause()
    session.controller.resume()
    assert session.diagram.dot_fraction == 0.0


def test_the_dot_is_where_the_session_clock_says(session: Session) -> None:
    session.speak_instruction()
    assert session.motion.running
    session.clock.advance(0.25 * TEMPO_S)
    session.dot_reaches(0.25)
    (centre,) = session.diagram.dot_centres()
    want = to_widget(session.path.point_at(0.25), session.path, session.diagram.drawing_rect)
    assert (centre.x(), centre.y()) == pytest.approx((want.x(), want.y()))
    session.clock.advance(0.5 * TEMPO_S)
    session.dot_reaches(0.75)


def test_the_count_ticks_as_the_dot_comes_back_to_the_start(session: Session) -> None:
    session.speak_instruction()
    session.clock.advance(TEMPO_S - 0.5)
    session.dot_reaches(0.9)
    session.clock.advance(0.5)
    with session.qtbot.waitSignal(session.controller.beat) as beat:
        pass  # the controller's refresh notices the clock has reached the next repetition
    assert beat.args[0] == 2
    assert session.diagram.dot_fraction == pytest.approx(0.0, abs=1e-6)
    assert session.diagram.dot_strength == 0.0  # it fades in as the stroke begins
    assert session.view.ring.count_text.startswith("2 / ")


def test_a_new_tempo_moves_the_dot_faster_from_where_it_is(session: Session) -> None:
    session.speak_instruction()
    session.clock.advance(0.2 * TEMPO_S)
    session.dot_reaches(0.2)
    assert session.controller.set_tempo(2.0)
    session.clock.advance(0.2 * TEMPO_S)
    session.dot_reaches(0.6)


def test_a_pause_stops_the_dot_where_it_is(session: Session) -> None:
    session.speak_instruction()
    session.clock.advance(0.4 * TEMPO_S)
    session.dot_reaches(0.4)
    session.controller.pause()
    assert not session.motion.running
    session.clock.advance(10.0)
    session.controller.add_time()  # any action while paused places the dot again: not moved
    assert session.diagram.dot_fraction == pytest.approx(0.4, abs=1e-6)
    session.controller.resume()
    assert session.motion.running
    session.clock.advance(0.1 * TEMPO_S)
    session.dot_reaches(0.5)


def test_reduce_motion_keeps_the_arrows_and_takes_the_dot_away(session: Session) -> None:
    session.speak_instruction()
    session.clock.advance(0.3 * TEMPO_S)
    session.dot_reaches(0.3)
    session.view.set_reduce_motion(True)
    assert session.diagram.dot_fraction is None
    assert not session.motion.running
    assert session.diagram.path is not None
    image = session.diagram.grab().toImage()
    line = QColor(STROKE_COLOURS[session.diagram.theme].line)
    drawn = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) == line
    ]
    assert len(drawn) > 60  # the path and its arrows are still drawn
    session.view.set_reduce_motion(False)
    assert session.motion.running
    session.dot_reaches(0.3)


def test_the_dot_is_painted_on_the_path(session: Session) -> None:
    session.speak_instruction()
    session.clock.advance(0.5 * TEMPO_S)
    session.dot_reaches(0.5)
    (centre,) = session.diagram.dot_centres()
    image = session.diagram.grab().toImage()
    dot = QColor(STROKE_COLOURS[session.diagram.theme].dot)
    assert image.pixelColor(round(centre.x()), round(centre.y())) == dot


def test_on_the_right_side_the_dot_runs_the_mirror_image(qtbot: QtBot) -> None:
    left, right = Session(qtbot), Session(qtbot, "arm-stroking.right")
    for s in (left, right):
        s.speak_instruction()
        s.clock.advance(0.5 * TEMPO_S)
        s.dot_reaches(0.5)
    (a,), (b,) = left.diagram.dot_centres(), right.diagram.dot_centres()
    middle = left.diagram.drawing_rect.center().x()
    assert a.x() > middle > b.x()
    assert a.x() - middle == pytest.approx(middle - b.x(), abs=1.0)
    assert a.y() == pytest.approx(b.y(), abs=0.5)


def test_the_end_of_the_session_takes_the_dot_away(session: Session) -> None:
    session.speak_instruction()
    session.clock.advance(1.0)
    session.dot_reaches(0.2)
    session.controller.stop()
    assert session.diagram.dot_fraction is None
    assert not session.motion.running


def test_the_dot_hides_while_the_hand_is_lifted_over_the_knee(qtbot: QtBot) -> None:
    session = Session(qtbot, "leg-stroking.left")
    path, tempo = session.path, session.plan.steps[session.index].tempo_s
    assert path.lifts
    assert tempo is not None
    lifted = [k / 200 for k in range(201) if path.lifted_at(k / 200)]
    middle = lifted[len(lifted) // 2]
    session.speak_instruction()
    session.clock.advance(0.25 * tempo)
    session.dot_reaches(0.25)
    assert len(session.diagram.dot_centres()) == 1  # on the shin, the dot shows
    session.clock.advance((middle - 0.25) * tempo)
    session.dot_reaches(middle)
    assert session.diagram.dot_centres() == []  # over the knee, the hand is in the air
    image = session.diagram.grab().toImage()
    spot = to_widget(path.point_at(middle), path, session.diagram.drawing_rect)
    dot = QColor(STROKE_COLOURS[session.diagram.theme].dot)
    assert image.pixelColor(round(spot.x()), round(spot.y())) != dot
    session.clock.advance((0.9 - middle) * tempo)
    session.dot_reaches(0.9)
    assert len(session.diagram.dot_centres()) == 1  # put down above the knee, it shows again
