"""Runs a session Engine on Qt timers and turns its events into Qt signals."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import assert_never

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from massage_desktop.engine import (
    Beat,
    Clock,
    Cue,
    Engine,
    Event,
    Halfway,
    Listener,
    MassageStarted,
    Paused,
    PromptDue,
    Resumed,
    SecondsLeft,
    SessionFinished,
    SessionStarted,
    SideSwitched,
    SpeechTiming,
    State,
    StepFinished,
    StepStarted,
)
from massage_desktop.plan import Plan

log = logging.getLogger(__name__)

EngineFactory = Callable[[Clock, Listener], Engine]
REFRESH_MS = 200  # the display's remaining time, 5 times a second


class SessionController(QObject):
    """One precise single-shot timer for the engine's next deadline; no ticks are counted.

    Signals:
        session_started(): the session began.
        step_started(int): a step (its index in the plan) began with its instruction.
        massage_started(int): the instruction was spoken; the step's massage clock runs.
        prompt_due(str, str): a sentence to speak now, and its prompt kind.
        halfway(): half the step's massage time is done.
        seconds_left(int): this many seconds of the step are left (10; 3, 2, 1).
        side_switched(): a right side follows its left.
        beat(int, int): repetition n of m began.
        step_finished(int, str): a step (index) ended: done, skipped, shortened or repeated.
        paused(str): the session paused, for this reason ("" when the caregiver paused).
        resumed(): the session carries on.
        finished(str, str): the session ended (completed, finished-gently, stopped), and why.
        event_emitted(object): every engine Event, as it happens.
        remaining_changed(float, float): seconds left in the step and in the session.
    """

    session_started = Signal()
    step_started = Signal(int)
    massage_started = Signal(int)
    prompt_due = Signal(str, str)
    halfway = Signal()
    seconds_left = Signal(int)
    side_switched = Signal()
    beat = Signal(int, int)
    step_finished = Signal(int, str)
    paused = Signal(str)
    resumed = Signal()
    finished = Signal(str, str)
    event_emitted = Signal(object)
    remaining_changed = Signal(float, float)

    def __init__(
        self,
        plan: Plan | EngineFactory,
        clock: Clock = time.monotonic,
        *,
        speed: float = 1.0,
        speech: SpeechTiming | None = None,
        countdown: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """Run `plan` (or the Engine a factory builds); `speed` > 1 previews faster."""
        super().__init__(parent)
        if not (speed > 0 and math.isfinite(speed)):
            raise ValueError(f"speed must be above 0, not {speed}")
        self._speed = speed
        self._base = clock
        self._origin = clock()
        if isinstance(plan, Plan):
            self._engine = Engine(
                plan, self._clock, self._on_event, speech=speech, countdown=countdown
            )
        else:
            self._engine = plan(self._clock, self._on_event)
        self._deadline_timer = QTimer(self)
        self._deadline_timer.setSingleShot(True)
        self._deadline_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._deadline_timer.timeout.connect(self._on_deadline_reached)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._refresh_timer.timeout.connect(self._on_refresh_due)
        self._event_due: float | None = None

    def _clock(self) -> float:
        """The engine's clock: the given one, `speed` times faster."""
        return self._origin + (self._base() - self._origin) * self._speed

    @property
    def engine(self) -> Engine:
        """The engine, for its read-only view (state, step, remaining times, record)."""
        return self._engine

    @property
    def state(self) -> State:
        """The session state."""
        return self._engine.state

    @property
    def event_due(self) -> float | None:
        """While an event's signals are emitted: the given clock's time it was scheduled for.

        The timer fires a little after the deadline; a listener that must keep time exactly
        (the voice, placing a sound to the sample) uses this instead of reading the clock.
        """
        return self._event_due

    @property
    def speed(self) -> float:
        """How many times faster than real time the session runs (1 for a real session)."""
        return self._speed

    # --- actions (each returns what the engine answered) -------------------------------------

    def start(self) -> bool:
        """Begin the session."""
        return self._after(self._engine.start())

    def pause(self, reason: str = "") -> bool:
        """Pause."""
        return self._after(self._engine.pause(reason))

    def resume(self) -> bool:
        """Carry on after a pause."""
        return self._after(self._engine.resume())

    def next(self) -> bool:
        """Go to the next step."""
        return self._after(self._engine.next())

    def back(self) -> bool:
        """Go to the step before."""
        return self._after(self._engine.back())

    def repeat(self) -> bool:
        """Restart the present step."""
        return self._after(self._engine.repeat())

    def add_time(self, seconds: float = 30.0) -> bool:
        """Lengthen the present step."""
        return self._after(self._engine.add_time(seconds))

    def finish_gently(self) -> bool:
        """Go to the closing soothing strokes."""
        return self._after(self._engine.finish_gently())

    def stop(self, reason: str = "") -> bool:
        """End the session now."""
        return self._after(self._engine.stop(reason))

    def unsettled(self, cue: Cue | str) -> bool:
        """Pause for a cue; True suggests finishing gently (two cues within a minute)."""
        suggest = self._engine.unsettled(cue)
        self._after(True)
        return suggest

    def set_tempo(self, factor: float) -> bool:
        """Counted steps at `factor` times their written tempo."""
        return self._after(self._engine.set_tempo(factor))

    def speech_ended(self) -> bool:
        """The voice finished the step's instruction."""
        return self._after(self._engine.speech_ended())

    def instruction_length(self, seconds: float) -> bool:
        """The step's instruction lasts `seconds`."""
        return self._after(self._engine.instruction_length(seconds))

    def wake(self) -> None:
        """Deliver what is due and arm the timer again (after the engine was driven directly)."""
        self._after(True)

    def _after(self, changed: bool) -> bool:
        self._arm()
        self._emit_remaining()
        return changed

    # --- timers ------------------------------------------------------------------------------

    @Slot()
    def _on_deadline_reached(self) -> None:
        self._arm()

    @Slot()
    def _on_refresh_due(self) -> None:
        self._arm()  # also notices a clock jump (suspend) between deadlines
        self._emit_remaining()

    def _arm(self) -> None:
        deadline = self._engine.poll()
        if deadline is None:
            self._deadline_timer.stop()
        else:
            real_s = (deadline - self._clock()) / self._speed
            self._deadline_timer.start(max(math.ceil(real_s * 1000), 0))
        running = self._engine.state is State.RUNNING
        if running and not self._refresh_timer.isActive():
            self._refresh_timer.start()
        elif not running:
            self._refresh_timer.stop()

    def _emit_remaining(self) -> None:
        engine = self._engine
        self.remaining_changed.emit(engine.step_remaining_s, engine.session_remaining_s)

    # --- engine events -----------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        started = self._engine.started_at
        due = None if started is None else started + event.t
        self._event_due = None if due is None else self._origin + (due - self._origin) / self._speed
        try:
            self._emit_event(event)
        finally:
            self._event_due = None

    def _emit_event(self, event: Event) -> None:
        self.event_emitted.emit(event)
        match event:
            case SessionStarted():
                self.session_started.emit()
            case StepStarted(step_index=index):
                self.step_started.emit(index)
            case MassageStarted(step_index=index):
                self.massage_started.emit(index)
            case PromptDue(text=text, prompt_kind=kind):
                self.prompt_due.emit(text, str(kind))
            case Halfway():
                self.halfway.emit()
            case SecondsLeft(seconds=seconds):
                self.seconds_left.emit(seconds)
            case SideSwitched():
                self.side_switched.emit()
            case Beat(beat=beat, of=of):
                self.beat.emit(beat, of)
            case StepFinished(step_index=index, outcome=outcome):
                self.step_finished.emit(index, str(outcome))
            case Paused(reason=reason):
                self.paused.emit(reason)
            case Resumed():
                self.resumed.emit()
            case SessionFinished(outcome=outcome, reason=reason):
                self.finished.emit(str(outcome), reason)
            case _:
                assert_never(event)
