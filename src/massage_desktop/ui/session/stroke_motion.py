"""Moves the body diagram's dot along the step's stroke path, on the session's own clock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt, QTimer, SignalInstance

from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.strokes.pace import StrokePace, fade
from massage_desktop.strokes.path import StrokePath
from massage_desktop.ui.ports import SessionControls

log = logging.getLogger(__name__)

FRAME_MS = 33  # about 30 frames a second: smooth for a slow hand, light on the processor


@runtime_checkable
class StepClock(Protocol):
    """The running step's clock (the session Engine's read-only view fits)."""

    @property
    def step_elapsed_s(self) -> float: ...
    @property
    def tempo(self) -> float: ...


@runtime_checkable
class StrokeCanvas(Protocol):
    """What the motion needs of the body diagram."""

    animated: bool  # cross-fades and pulses

    @property
    def path(self) -> StrokePath | None: ...
    def set_dot(self, fraction: float | None, strength: float = 1.0) -> None: ...
    def isVisible(self) -> bool: ...


class StrokeMotion(QObject):
    """A soft dot that travels the step's path once per repetition, at the live tempo.

    The dot's place comes from the step's massage clock and the tempo, read each frame, so
    it keeps step with the count ring. It waits at the start while the instruction is spoken,
    stands still in a pause, and frames are drawn only while a step's massage runs. With
    reduced motion there is no dot, only the path's arrows.

    Signals: none.
    """

    def __init__(self, canvas: StrokeCanvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._controls: SessionControls | None = None
        self._clock: StepClock | None = None
        self._plan: Plan | None = None
        self._step: PlannedStep | None = None
        self._pace: StrokePace | None = None
        self._paused = False
        self._reduced = False
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_frame)

    @property
    def running(self) -> bool:
        """Whether frames are being drawn."""
        return self._timer.isActive()

    @property
    def reduced(self) -> bool:
        """Whether motion is reduced: arrows only, no dot."""
        return self._reduced

    def set_reduced(self, on: bool) -> None:
        """Reduce motion (no dot, and no fades or pulses on the diagram) or not."""
        self._reduced = on
        self._canvas.animated = not on
        self._sync()

    def attach(self, controls: SessionControls, plan: Plan, clock: StepClock | None) -> None:
        """Follow the session `controls` run for `plan`; without a clock there is no dot."""
        self.detach()
        self._controls, self._plan, self._clock = controls, plan, clock
        for signal, slot in self._wiring(controls):
            signal.connect(slot)

    def detach(self) -> None:
        """Stop following the session."""
        if self._controls is not None:
            for signal, slot in self._wiring(self._controls):
                signal.disconnect(slot)
        self._controls = self._clock = self._plan = self._step = self._pace = None
        self._paused = False
        self._sync()

    def _wiring(self, c: SessionControls) -> tuple[tuple[SignalInstance, Callable[..., Any]], ...]:
        return (
            (c.step_started, self._on_step_started),
            (c.massage_started, self._on_massage_started),
            (c.paused, self._on_paused),
            (c.resumed, self._on_resumed),
            (c.finished, self._on_finished),
            (c.remaining_changed, self._on_remaining_changed),
        )

    # --- what the session says ---------------------------------------------------------------

    def _on_step_started(self, index: int) -> None:
        plan = self._plan
        self._step = (
            plan.steps[index] if plan is not None and 0 <= index < len(plan.steps) else None
        )
        self._pace = None  # the instruction is spoken: the dot waits at the start
        self._paused = False
        self._sync()

    def _on_massage_started(self, _index: int) -> None:
        step, clock = self._step, self._clock
        if step is None or clock is None:
            return
        counted = step.repetitions is not None and step.tempo_s is not None
        self._pace = StrokePace.for_step(step.tempo_s if counted else None, clock.tempo)
        self._sync()

    def _on_paused(self, _reason: str = "") -> None:
        self._paused = True
        self._sync()

    def _on_resumed(self) -> None:
        self._paused = False
        self._sync()

    def _on_finished(self, _outcome: str = "", _reason: str = "") -> None:
        self._step = self._pace = None
        self._sync()

    def _on_remaining_changed(self, _step_left: float, _session_left: float) -> None:
        """After any action (a new tempo, added time, a resume), place the dot at once."""
        pace, clock, step = self._pace, self._clock, self._step
        if pace is None or clock is None or step is None:
            return
        if step.repetitions is not None and pace.set_rate(clock.tempo, clock.step_elapsed_s):
            log.debug("the dot follows the new tempo %.2f", clock.tempo)
        self._place()

    # --- frames ------------------------------------------------------------------------------

    def _sync(self) -> None:
        """Run frames only while a step's massage runs, the dot shows and the window is seen."""
        path = self._canvas.path
        if self._reduced or self._step is None or self._clock is None or path is None:
            self._timer.stop()
            self._canvas.set_dot(None)
            return
        moving = self._pace is not None and not self._paused and self._canvas.isVisible()
        if moving and not self._timer.isActive():
            self._timer.start()
        elif not moving:
            self._timer.stop()
        self._place()

    def _on_frame(self) -> None:
        self._place()

    def _place(self) -> None:
        path, pace, clock = self._canvas.path, self._pace, self._clock
        if path is None or clock is None or self._reduced:
            return
        if pace is None:
            self._canvas.set_dot(0.0)  # waiting at the start while the instruction is spoken
            return
        fraction = pace.fraction(clock.step_elapsed_s)
        self._canvas.set_dot(fraction, fade(fraction, path.closed))
