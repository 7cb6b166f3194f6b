"""Hand-written fakes and builders for the window tests: a controller, a voice, short plans."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from massage_desktop.bodymap import Side
from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.models import Position
from massage_desktop.script import build_prompts


class FakeController(QObject):
    """Has the SessionController's signals; records every call; says what a test tells it."""

    session_started = Signal()
    step_started = Signal(int)
    massage_started = Signal(int)
    prompt_due = Signal(str, str)
    beat = Signal(int, int)
    paused = Signal(str)
    resumed = Signal()
    finished = Signal(str, str)
    remaining_changed = Signal(float, float)
    event_emitted = Signal(object)

    def __init__(self, suggest_finish_after: int = 2) -> None:
        super().__init__()
        self.calls: list[tuple[str, ...]] = []
        self._suggest_after = suggest_finish_after
        self._cues = 0

    @property
    def names(self) -> list[str]:
        """The names of the calls, in order."""
        return [call[0] for call in self.calls]

    def start(self) -> bool:
        self.calls.append(("start",))
        return True

    def pause(self, reason: str = "") -> bool:
        self.calls.append(("pause",))
        self.paused.emit(reason)
        return True

    def resume(self) -> bool:
        self.calls.append(("resume",))
        self.resumed.emit()
        return True

    def next(self) -> bool:
        self.calls.append(("next",))
        return True

    def back(self) -> bool:
        self.calls.append(("back",))
        return True

    def repeat(self) -> bool:
        self.calls.append(("repeat",))
        return True

    def add_time(self, seconds: float = 30.0) -> bool:
        self.calls.append(("add_time",))
        return True

    def finish_gently(self) -> bool:
        self.calls.append(("finish_gently",))
        return True

    def stop(self, reason: str = "") -> bool:
        self.calls.append(("stop", reason))
        self.finished.emit("stopped", reason)
        return True

    def unsettled(self, cue: str) -> bool:
        self.calls.append(("unsettled", cue))
        self._cues += 1
        return self._cues >= self._suggest_after


class FakeVoice(QObject):
    """A voice that says whatever it is asked and finishes a pre-render when told."""

    unavailable = Signal(str)
    prerender_progressed = Signal(int, int)
    prerender_finished = Signal(int, int)
    prompt_finished = Signal(str, str, bool)
    prompt_dropped = Signal(str, str)
    prompt_failed = Signal(str, str)

    def __init__(self, available: bool = True, problem: str | None = None) -> None:
        super().__init__()
        self._available = available
        self.problem = problem
        self.said: list[tuple[str, str]] = []
        self.prerendered: list[Plan] = []
        self.output_problem: str | None = None
        self.skips = 0
        self.chimes = 0
        self.count_aloud = False
        self.closed = False
        self.due: list[float | None] = []
        self.sessions: list[str] = []  # "begin", "pause", "resume", "end" in order

    @property
    def available(self) -> bool:
        return self._available

    def go_unavailable(self, message: str) -> None:
        """What the real service does when the speech engine cannot start."""
        self._available, self.problem = False, message
        self.unavailable.emit(message)

    def close(self) -> None:
        self.closed = True

    def prerender(self, plan: Plan) -> int:
        self.prerendered.append(plan)
        return 3

    def say(self, text: str, kind: str, at: float | None = None) -> bool:
        self.said.append((text, kind))
        self.due.append(at)
        return self._available

    def say_count(self, index: int, total: int, at: float | None = None) -> bool:
        if self.count_aloud:
            self.said.append((f"{index} of {total}", "count"))
            self.due.append(at)
        return self.count_aloud

    def chime(self, at: float | None = None) -> bool:
        self.chimes += 1
        return True

    def skip(self) -> None:
        self.skips += 1

    def begin_session(self) -> None:
        self.sessions.append("begin")

    def end_session(self) -> None:
        self.sessions.append("end")

    def pause(self) -> None:
        self.sessions.append("pause")

    def resume(self) -> None:
        self.sessions.append("resume")


def step(
    sid: str,
    reps: int | None = 4,
    tempo: float = 0.05,
    side: Side = Side.NONE,
    rhyme: str | None = None,
    duration: float | None = None,
) -> PlannedStep:
    """A planned step on the arm; counted unless `reps` is None."""
    return PlannedStep(
        id=sid,
        step_id=sid.split(".")[0],
        stage="On the back",
        title=sid.split(".")[0].replace("-", " ").capitalize(),
        position=Position.ON_BACK,
        zones=("arm", "hand"),
        points=(),
        avoid=("armpit",),
        technique="stroking",
        side=side,
        repetitions=reps,
        tempo_s=tempo if reps is not None else None,
        duration_s=duration if duration is not None else (reps or 1) * tempo,
        instruction=f"Stroke the arm gently ({sid}).",
        rhyme=rhyme,
    )


def make_plan(*steps: PlannedStep, title: str = "Test massage") -> Plan:
    """A plan of `steps` with their prompts, for a 6-month-old."""
    with_prompts = tuple(build_prompts(list(steps), "Let's begin.", "All done."))
    total = sum(s.duration_s for s in steps)
    return Plan("test", 1, title, 26.0, total, with_prompts, closing="All done.")


def three_steps() -> Plan:
    """Hello strokes, then the arm left and right: long enough to look at, short to run."""
    return make_plan(
        step("hello-strokes", reps=5, tempo=6.0),
        step("arm-stroking.left", reps=8, tempo=5.0, side=Side.LEFT),
        step("arm-stroking.right", reps=8, tempo=5.0, side=Side.RIGHT),
    )


@cache
def library() -> dict[str, Protocol]:
    """The shipped protocols, loaded once per test run."""
    return dict(load_library().protocols)


def protocol(protocol_id: str) -> Protocol:
    """One shipped protocol."""
    return library()[protocol_id]


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Show `widget` as the active window, so its key shortcuts work."""
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
