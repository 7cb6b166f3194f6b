"""Runs a Plan against an injected clock and tells a listener what happens, in order, on time."""

from __future__ import annotations

import math
from collections.abc import Callable

from massage_desktop.engine.events import Listener, Phase, State
from massage_desktop.engine.outbox import Outbox
from massage_desktop.engine.plan_times import PlanTimes
from massage_desktop.engine.recorder import RecordBook
from massage_desktop.engine.runner import Runner
from massage_desktop.engine.schedule import SpeechTiming
from massage_desktop.engine.timeline import Clock
from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.record import Cue, SessionRecord

SUSPEND_GAP_S = 30.0  # a clock jump this far past a deadline means the computer slept
CUE_WINDOW_S = 60.0
MIN_TEMPO, MAX_TEMPO = 0.5, 2.0
LIVE = (State.RUNNING, State.PAUSED)


class Engine:
    """A session's state machine: absolute deadlines, pauses shift them, actions never raise.

    Actions that do not apply in the present state change nothing and return False. Events
    go to `listener` after each call has finished changing state, so a listener may act.
    Times: the clock is monotonic seconds; session seconds count from the start, pauses
    included; active seconds leave the pauses out.
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
        self._plan = plan
        self._clock = clock
        self._outbox = Outbox(listener)
        self._book = RecordBook(plan)
        self._times = PlanTimes(plan, speech)
        self._runner = Runner(
            plan,
            clock,
            self._outbox,
            self._book,
            speech,
            self._times,
            suspend_gap_s=suspend_gap_s,
            countdown=countdown,
        )

    # --- driving -------------------------------------------------------------------------

    def poll(self) -> float | None:
        """Emit everything due now; the clock time of the next deadline (None unless running)."""
        self._runner.advance(self._clock())
        self._outbox.deliver()
        return self.next_deadline

    def _act(self, states: tuple[State, ...], change: Callable[[float], bool]) -> bool:
        now = self._clock()
        self._runner.advance(now)
        done = self._runner.state in states and change(now)
        self._runner.advance(now)
        self._outbox.deliver()
        return done

    # --- actions -------------------------------------------------------------------------

    def start(self) -> bool:
        """Begin the session with the first step's instruction."""
        return self._act((State.READY,), self._runner.start)

    def pause(self, reason: str = "") -> bool:
        """Freeze the schedule."""
        return self._act((State.RUNNING,), lambda now: self._runner.pause(now, reason))

    def resume(self) -> bool:
        """Carry on where the pause began."""
        return self._act((State.PAUSED,), self._runner.resume)

    def next(self) -> bool:
        """Leave this step for the next (after the last, the session ends); ends a pause."""
        return self._act(LIVE, lambda now: self._runner.move(now, 1))

    def back(self) -> bool:
        """Go to the step before (not from the first); ends a pause."""
        return self._act(LIVE, lambda now: self._runner.move(now, -1))

    def repeat(self) -> bool:
        """Restart this step from its instruction; ends a pause."""
        return self._act(LIVE, lambda now: self._runner.move(now, 0))

    def finish_gently(self) -> bool:
        """Go to the closing soothing strokes; during them, nothing changes."""
        return self._act(LIVE, self._runner.finish_gently)

    def stop(self, reason: str = "") -> bool:
        """End the session now."""
        return self._act(LIVE, lambda now: self._runner.stop(now, reason))

    def add_time(self, seconds: float = 30.0) -> bool:
        """Lengthen this step's massage by `seconds` at the present tempo."""
        ok = seconds > 0 and math.isfinite(seconds)
        return ok and self._act(LIVE, lambda now: self._runner.add_time(now, seconds))

    def set_tempo(self, factor: float) -> bool:
        """Counted steps at `factor` times the written tempo (0.5 to 2.0), from now on."""
        ok = MIN_TEMPO <= factor <= MAX_TEMPO and factor != self._runner.tempo
        states = (State.READY, *LIVE)
        return ok and self._act(states, lambda now: self._runner.set_tempo(now, factor))

    def unsettled(self, cue: Cue | str) -> bool:
        """Pause for a cue of the baby's; True when two or more came within a minute."""
        known = {c.value: c for c in Cue}.get(str(cue))
        return known is not None and self._act(
            LIVE, lambda now: self._runner.cue(now, known, CUE_WINDOW_S) >= 2
        )

    def speech_ended(self) -> bool:
        """The step's spoken opening has ended: its massage clock starts now."""
        return self._act(LIVE, lambda now: self._runner.speech_until(now, 0.0))

    def instruction_length(self, seconds: float) -> bool:
        """The spoken opening lasts `seconds` from the step's start."""
        ok = seconds >= 0 and math.isfinite(seconds)
        return ok and self._act(LIVE, lambda now: self._runner.speech_until(now, seconds))

    # --- the view ------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """The plan being run."""
        return self._plan

    @property
    def state(self) -> State:
        """Ready, running, paused, finished or stopped."""
        return self._runner.state

    @property
    def started_at(self) -> float | None:
        """Clock time of the start; session second `t` happens at `started_at + t`."""
        return None if self.state is State.READY else self._runner.timeline.start

    @property
    def elapsed_s(self) -> float:
        """Session seconds so far, pauses included."""
        return self._elapsed_s(self._clock())

    @property
    def next_deadline(self) -> float | None:
        """Clock time of the next scheduled moment, while running."""
        run = self._runner.run
        if self.state is not State.RUNNING or run is None:
            return None
        return self._runner.timeline.clock_at(run.next_item().a)

    @property
    def step_index(self) -> int | None:
        """Index of the present step in the plan."""
        run = self._runner.run
        return None if run is None else run.index

    @property
    def step(self) -> PlannedStep | None:
        """The present step."""
        run = self._runner.run
        return None if run is None else run.step

    @property
    def next_step(self) -> PlannedStep | None:
        """The step that follows the present one."""
        steps, run = self._plan.steps, self._runner.run
        if run is None:
            return steps[0] if self.state is State.READY and steps else None
        return steps[run.index + 1] if run.index + 1 < len(steps) else None

    @property
    def phase(self) -> Phase | None:
        """Speaking the instruction, or massage."""
        run = self._runner.run
        return None if run is None else run.phase

    @property
    def tempo(self) -> float:
        """The tempo factor of counted steps (1.0 as written)."""
        return self._runner.tempo

    @property
    def beat(self) -> tuple[int, int] | None:
        """(repetition, of) in a counted step: (0, n) before the first."""
        run = self._runner.run
        return None if run is None or not run.counted else (run.beat_n, run.beats_total)

    @property
    def step_elapsed_s(self) -> float:
        """Massage seconds done in the present step."""
        run = self._runner.run
        return 0.0 if run is None else run.massage_s(self._view_a())

    @property
    def step_remaining_s(self) -> float:
        """Massage seconds left in the present step (all of it while the instruction plays)."""
        run = self._runner.run
        return 0.0 if run is None else run.remaining_s(self._view_a())

    @property
    def session_remaining_s(self) -> float:
        """Seconds to the end of the plan from here, speech included; never negative."""
        run, tempo = self._runner.run, self._runner.tempo
        if run is None:
            return self._times.planned_s(0, tempo) if self.state is State.READY else 0.0
        a = self._view_a()
        left = run.remaining_s(a) + self._times.planned_s(run.index + 1, tempo)
        if run.phase is Phase.SPEAKING:
            left += max(run.speech_expected_a - a, 0.0)
        return max(left, 0.0)

    @property
    def progress(self) -> float:
        """How far through the plan's massage time the present position is, 0 to 1."""
        if self.state is State.FINISHED:
            return 1.0
        run = self._runner.run
        if run is None:
            return self._runner.progress_at_end if self.state is State.STOPPED else 0.0
        return self._times.progress(run, self._view_a())

    @property
    def record(self) -> SessionRecord:
        """The session so far (a SessionRecord); complete once finished."""
        now, run = self._clock(), self._runner.run
        current = None if run is None else self._book.current(run, self._runner.now_a(now))
        paused_at = self._runner.timeline.paused_at
        open_pause = None if paused_at is None else now - paused_at
        return self._book.snapshot(current, open_pause, self._elapsed_s(now))

    def _elapsed_s(self, now: float) -> float:
        return 0.0 if self.state is State.READY else self._runner.timeline.elapsed(now)

    def _view_a(self) -> float:
        return self._runner.now_a(self._clock())
