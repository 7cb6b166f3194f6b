"""Runs a Plan against an injected clock and tells a listener what happens, in order, on time."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from massage_desktop.engine.events import Listener, Phase, SessionStarted, State
from massage_desktop.engine.runner import EngineCore
from massage_desktop.engine.schedule import SpeechTiming
from massage_desktop.plan import Plan
from massage_desktop.record import Cue, EndOutcome, StepOutcome, TempoChange

log = logging.getLogger(__name__)

Clock = Callable[[], float]

SUSPEND_GAP_S = 30.0  # a clock jump this far past a deadline means the computer slept
CUE_WINDOW_S = 60.0
MIN_TEMPO, MAX_TEMPO = 0.5, 2.0
LIVE = (State.RUNNING, State.PAUSED)


class Engine(EngineCore):
    """A session's state machine: absolute deadlines, pauses shift them, actions never raise.

    Actions that do not apply in the present state change nothing and return False. Events
    go to `listener` after each call has finished changing state, so a listener may act.
    """

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        listener: Listener,
        *,
        speech: SpeechTiming | None = None,
        suspend_gap_s: float = SUSPEND_GAP_S,
        countdown: bool = False,
    ) -> None:
        """Run `plan` on `clock`; `countdown` adds 3, 2, 1 to the ten-seconds-left cue."""
        speech = speech or SpeechTiming()
        super().__init__(plan, clock, listener, speech, suspend_gap_s, countdown)

    # --- driving -------------------------------------------------------------------------

    def poll(self) -> float | None:
        """Emit everything due now; the clock time of the next deadline (None unless running)."""
        self._advance(self._clock())
        self._deliver()
        return self.next_deadline

    # --- actions -------------------------------------------------------------------------

    def _act(self, states: tuple[State, ...], change: Callable[[float], bool]) -> bool:
        now = self._clock()
        self._advance(now)
        done = self._state in states and change(now)
        self._advance(now)
        self._deliver()
        return done

    def start(self) -> bool:
        """Begin the session with the first step's instruction."""
        return self._act((State.READY,), self._do_start)

    def _do_start(self, now: float) -> bool:
        self._start, self._state = now, State.RUNNING
        log.info("session of %s started", self._plan.protocol_id)
        self._emit(SessionStarted(0.0))
        self._go(0, 0.0, None)
        return True

    def pause(self, reason: str = "") -> bool:
        """Freeze the schedule."""
        return self._act((State.RUNNING,), lambda now: self._do_pause(now, reason))

    def _do_pause(self, now: float, reason: str) -> bool:
        self._pause_at(now, reason, None)
        return True

    def resume(self) -> bool:
        """Carry on where the pause began."""
        return self._act((State.PAUSED,), self._do_resume)

    def _do_resume(self, now: float) -> bool:
        self._end_pause(now)
        return True

    def next(self) -> bool:
        """Leave this step for the next (after the last, the session ends); ends a pause."""
        return self._act(LIVE, lambda now: self._move(now, 1))

    def back(self) -> bool:
        """Go to the step before (not from the first); ends a pause."""
        return self._act(LIVE, lambda now: self._move(now, -1))

    def repeat(self) -> bool:
        """Restart this step from its instruction; ends a pause."""
        return self._act(LIVE, lambda now: self._move(now, 0))

    def finish_gently(self) -> bool:
        """Go to the closing soothing strokes; during them, nothing changes."""
        return self._act(LIVE, self._do_finish_gently)

    def _do_finish_gently(self, now: float) -> bool:
        if self._run is None or self._run.index >= self._closing_from:
            return False
        self._gently = True
        return self._move(now, self._closing_from - self._run.index)

    def _move(self, now: float, by: int) -> bool:
        run = self._run
        if run is None or run.index + by < 0:
            return False
        if self._state is State.PAUSED:
            self._end_pause(now)
        a = self._active(now)
        repeat = by == 0
        self._leave(StepOutcome.REPEATED if repeat else self._left_early(run, a), a)
        self._go(run.index + by, a, run.index)
        return True

    def stop(self, reason: str = "") -> bool:
        """End the session now."""
        return self._act(LIVE, lambda now: self._do_stop(now, reason))

    def _do_stop(self, now: float, reason: str) -> bool:
        if self._state is State.PAUSED:
            self._end_pause(now)
        a = self._active(now)
        if self._run is not None:
            self._leave(self._left_early(self._run, a), a)
        self._finish(EndOutcome.STOPPED, reason, a)
        return True

    def add_time(self, seconds: float = 30.0) -> bool:
        """Lengthen this step's massage by `seconds` at the present tempo."""
        ok = seconds > 0 and math.isfinite(seconds)
        return ok and self._act(LIVE, lambda now: self._do_add_time(now, seconds))

    def _do_add_time(self, now: float, seconds: float) -> bool:
        if self._run is None:
            return False
        self._run.add_time(seconds, self._now_a(now))
        return True

    def set_tempo(self, factor: float) -> bool:
        """Counted steps at `factor` times the written tempo (0.5 to 2.0), from now on."""
        ok = MIN_TEMPO <= factor <= MAX_TEMPO and factor != self._tempo
        return ok and self._act((State.READY, *LIVE), lambda now: self._do_tempo(now, factor))

    def _do_tempo(self, now: float, factor: float) -> bool:
        self._tempo = factor
        if self._run is not None:
            self._run.set_rate(factor, self._now_a(now))
        step_id = self._run.step.id if self._run else None
        self._book.tempo_changes.append(TempoChange(self._session_t(now), factor, step_id))
        return True

    def unsettled(self, cue: Cue | str) -> bool:
        """Pause for a cue of the baby's; True when two or more came within a minute."""
        known = {c.value: c for c in Cue}.get(str(cue))
        return known is not None and self._act(LIVE, lambda now: self._do_cue(now, known))

    def _do_cue(self, now: float, cue: Cue) -> bool:
        if self._state is State.RUNNING:
            self._pause_at(now, "unsettled", cue)
        step_id = self._run.step.id if self._run else None
        return self._book.add_cue(self._session_t(now), cue, step_id, CUE_WINDOW_S) >= 2

    def speech_ended(self) -> bool:
        """The step's spoken opening has ended: its massage clock starts now."""
        return self._act(LIVE, lambda now: self._speech_until(now, 0.0))

    def instruction_length(self, seconds: float) -> bool:
        """The spoken opening lasts `seconds` from the step's start."""
        ok = seconds >= 0 and math.isfinite(seconds)
        return ok and self._act(LIVE, lambda now: self._speech_until(now, seconds))

    def _speech_until(self, now: float, seconds: float) -> bool:
        run = self._run
        if run is None or run.phase is not Phase.SPEAKING:
            return False
        run.speech_due_a = max(run.start_a + seconds, self._now_a(now))
        return True
