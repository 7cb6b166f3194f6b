"""The window a session benchmark runs: the app's main window, theme, session view and diagram.

Built as the app builds it (ui.main_window.MainWindow with its pages, the light theme's style
sheet, SessionView around a real BodyDiagram, a real SessionController on the real clock), minus
the voice and the records, which are not what these benchmarks measure.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from massage_desktop.engine import SpeechTiming
from massage_desktop.plan import Plan, PlannedStep, plan
from massage_desktop.protocol import load_library
from massage_desktop.script import build_prompts
from massage_desktop.ui.keys import KeyMap
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.body_diagram import BodyDiagram
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.theme import Look, ThemeManager

# Steps whose hands travel, on the front, the back and round the tummy.
MOVING_STEPS = ("arm-stroking.left", "arm-stroking.right", "tummy-circles", "leg-stroking.left")
QUICK_SPEECH = SpeechTiming(words_per_s=1000.0, pad_s=0.0)  # the dot moves nearly all the time


@dataclass
class Session:
    """One session window and its controller."""

    app: QApplication
    window: MainWindow
    view: SessionView
    diagram: BodyDiagram
    controller: SessionController
    plan: Plan


def platform() -> str:
    """The Qt platform the run uses, with the X display when there is one."""
    name = QApplication.platformName()
    return f"{name} {os.environ.get('DISPLAY', '')}".strip()


def moving_plan(seconds: float) -> Plan:
    """About `seconds` of counted steps whose hands travel, from general strengthening."""
    full = plan(load_library().protocols["general-strengthening"], 30.0)
    chosen = [s for s in full.steps if s.id in MOVING_STEPS]
    each = seconds / len(chosen)
    steps = [_counted(s, each) for s in chosen]
    with_prompts = tuple(build_prompts(steps, "", "Done."))
    return replace(full, steps=with_prompts, target_s=sum(s.duration_s for s in steps))


def _counted(step: PlannedStep, seconds: float) -> PlannedStep:
    tempo = step.tempo_s or 4.0
    reps = max(1, round(seconds / tempo))
    return replace(step, repetitions=reps, tempo_s=tempo, duration_s=reps * tempo, prompts=())


def real_plan(protocol_id: str = "general-strengthening", age_weeks: float = 30.0) -> Plan:
    """A whole shipped session, as a parent would run it."""
    return plan(load_library().protocols[protocol_id], age_weeks)


def open_session(
    session_plan: Plan, *, reduced: bool, speech: SpeechTiming | None = None
) -> Session:
    """The main window showing the session view for `session_plan`, not yet started."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    theme = ThemeManager(app, Look("light"))
    window = MainWindow()
    window.build()
    diagram = BodyDiagram(theme=theme.current)
    view = SessionView(KeyMap.defaults(), diagram)
    window.add_page(view)
    window.show_page(view)
    window.resize(1280, 800)
    window.show()
    view.set_reduce_motion(reduced)
    controller = SessionController(session_plan, speech=speech)
    view.attach(controller, session_plan)
    return Session(app, window, view, diagram, controller, session_plan)


def run_for(seconds: float) -> None:
    """Run the event loop for `seconds` of real time (a local loop: quitting the application
    would close its windows)."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


class PaintClock(QObject):
    """Notes when the widget it watches paints (install it as an event filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.at: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.at.append(time.monotonic())
        return False


class StallProbe(QObject):
    """A fast timer whose lateness is how long the event loop was kept from running."""

    def __init__(self, interval_ms: int = 10) -> None:
        super().__init__()
        self.interval_s = interval_ms / 1000
        self.worst_s = 0.0
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        """Start probing."""
        self._last = time.monotonic()
        self._timer.start()

    def _on_timeout(self) -> None:
        now = time.monotonic()
        self.worst_s = max(self.worst_s, now - self._last - self.interval_s)
        self._last = now


def cpu_seconds() -> float:
    """CPU time of this process so far (user and system, every thread)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[k]
