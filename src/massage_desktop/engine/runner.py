"""The clock-driven walk through a plan: steps and their timed items, pauses, and the end."""

from __future__ import annotations

import logging

from massage_desktop.engine.events import (
    Beat,
    Halfway,
    MassageStarted,
    Paused,
    Phase,
    PromptDue,
    Resumed,
    SecondsLeft,
    SessionFinished,
    SessionStarted,
    SideSwitched,
    State,
    StepFinished,
    StepStarted,
)
from massage_desktop.engine.outbox import Outbox
from massage_desktop.engine.plan_times import PlanTimes
from massage_desktop.engine.recorder import RecordBook
from massage_desktop.engine.schedule import (
    Item,
    ItemKind,
    SpeechTiming,
    StepRun,
    from_partner,
    openings,
)
from massage_desktop.engine.timeline import Clock, Timeline
from massage_desktop.plan import Plan
from massage_desktop.record import Cue, EndOutcome, StepOutcome

log = logging.getLogger(__name__)


class Runner:
    """Moves a session through its schedule on the clock; the Engine says when to act.

    Each action assumes the Engine has checked the state it applies in; what happens goes into
    the outbox (the Engine delivers it once the action is done) and into the record book.
    """

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        outbox: Outbox,
        book: RecordBook,
        speech: SpeechTiming,
        times: PlanTimes,
        *,
        suspend_gap_s: float,
        countdown: bool,
    ) -> None:
        self._plan = plan
        self._clock = clock
        self._out = outbox
        self._book = book
        self._speech = speech
        self._times = times
        self._suspend_gap_s = suspend_gap_s
        self._countdown = countdown
        self._time = Timeline()
        self._state = State.READY
        self._run: StepRun | None = None
        self._tempo = 1.0
        self._gently = False
        self._progress_at_end = 0.0
        closing = [i for i, step in enumerate(plan.steps) if step.closing]
        self._closing_from = closing[0] if closing else len(plan.steps)

    # --- what it stands at ---------------------------------------------------------------

    @property
    def state(self) -> State:
        """Ready, running, paused, finished or stopped."""
        return self._state

    @property
    def run(self) -> StepRun | None:
        """The present step's visit."""
        return self._run

    @property
    def tempo(self) -> float:
        """The tempo factor of counted steps (1.0 as written)."""
        return self._tempo

    @property
    def timeline(self) -> Timeline:
        """The session's time."""
        return self._time

    @property
    def progress_at_end(self) -> float:
        """How far the session had come when it ended, 0 to 1."""
        return self._progress_at_end

    def now_a(self, now: float) -> float:
        """Active seconds at clock time `now`; frozen where a pause began."""
        return self._active(self._time.frozen(now))

    def _active(self, now: float) -> float:
        a = self._time.active(now)
        run = self._run
        if run is None:
            return a
        # Rounding after a pause must not put "now" before the step's last transition.
        return max(a, run.start_a if run.massage_a is None else run.massage_a)

    def session_t(self, now: float) -> float:
        """Session seconds at clock time `now` (0 before the start)."""
        return 0.0 if self._state is State.READY else self._time.since_start(now)

    # --- the walk ------------------------------------------------------------------------

    def advance(self, now: float) -> None:
        """Fire everything due by clock time `now`; a jump far past a deadline pauses."""
        while self._state is State.RUNNING and self._run is not None:
            item = self._run.next_item()
            due = self._time.clock_at(item.a)
            if due > now:
                return
            if now - due > self._suspend_gap_s:
                log.warning("clock jumped %.1f s past a deadline: pausing", now - due)
                self._pause_at(self._run, due, "suspended", None)
                return
            self._fire(self._run, item)

    def _fire(self, run: StepRun, item: Item) -> None:
        run.mark(item)
        t, index, step_id = self._time.session_t(item.a), run.index, run.step.id
        match item.kind:
            case ItemKind.MASSAGE_START:
                run.start_massage(item.a)
                self._out.put(MassageStarted(t, index, step_id))
            case ItemKind.PROMPT:
                prompt = run.timed[item.n]
                self._out.put(PromptDue(t, index, step_id, prompt.text, prompt.kind))
            case ItemKind.HALFWAY:
                self._out.put(Halfway(t, index, step_id))
            case ItemKind.SECONDS_LEFT:
                self._out.put(SecondsLeft(t, index, step_id, item.n))
            case ItemKind.BEAT:
                self._out.put(Beat(t, index, step_id, item.n, run.beats_total))
            case ItemKind.END:
                self._leave(run, StepOutcome.DONE, item.a)
                self._go(index + 1, item.a, index)

    def _go(self, index: int, a: float, came_from: int | None) -> None:
        if index < len(self._plan.steps):
            self._enter(index, a, came_from)
        else:
            outcome = EndOutcome.FINISHED_GENTLY if self._gently else EndOutcome.COMPLETED
            self._finish(outcome, "", a)

    def _enter(self, index: int, a: float, came_from: int | None) -> None:
        steps = self._plan.steps
        step, opening = steps[index], openings(steps, index, came_from)
        texts = [p.text for p in opening]
        wait, expected = self._speech.wait(texts), self._speech.estimate(texts)
        self._run = StepRun(index, step, a, wait, self._tempo, self._countdown, expected)
        self._gently = self._gently and index >= self._closing_from
        t = self._time.session_t(a)
        self._book.begin_visit(t)
        self._out.put(StepStarted(t, index, step.id, step.title))
        if from_partner(steps, index, came_from):
            self._out.put(SideSwitched(t, index, step.id))
        for prompt in opening:
            self._out.put(PromptDue(t, index, step.id, prompt.text, prompt.kind))

    def _leave(self, run: StepRun, outcome: StepOutcome, a: float) -> None:
        t = self._time.session_t(a)
        self._book.end_visit(run, a, t, outcome)
        self._out.put(StepFinished(t, run.index, run.step.id, outcome))

    def _finish(self, outcome: EndOutcome, reason: str, a: float) -> None:
        run = self._run
        if run is not None:
            self._progress_at_end = self._times.progress(run, self.now_a(self._clock()))
        self._state = State.STOPPED if outcome is EndOutcome.STOPPED else State.FINISHED
        self._time.end(self._time.clock_at(a))
        self._book.finish(outcome, reason)
        self._run = None
        t = self._time.session_t(a)
        log.info("session %s after %.1f s %s", outcome.value, t, reason)
        self._out.put(SessionFinished(t, outcome, reason))

    def _pause_at(self, run: StepRun, at: float, reason: str, cue: Cue | None) -> None:
        self._state = State.PAUSED
        self._time.pause(at)
        t = self._time.since_start(at)
        self._book.open_pause(t, reason, cue, run.step.id)
        self._out.put(Paused(t, run.index, run.step.id, reason, cue))

    def _end_pause(self, run: StepRun, now: float) -> None:
        length = self._time.resume(now)
        self._state = State.RUNNING
        self._book.close_pause(length)
        self._out.put(Resumed(self._time.since_start(now), run.index, run.step.id))

    # --- actions, in the states the Engine allows ------------------------------------------

    def start(self, now: float) -> bool:
        """Begin with the first step."""
        self._time.begin(now)
        self._state = State.RUNNING
        log.info("session of %s started", self._plan.protocol_id)
        self._out.put(SessionStarted(0.0))
        self._go(0, 0.0, None)
        return True

    def pause(self, now: float, reason: str) -> bool:
        """Freeze the schedule at `now`."""
        if self._run is None:
            return False
        self._pause_at(self._run, now, reason, None)
        return True

    def resume(self, now: float) -> bool:
        """End the pause at `now`."""
        if self._run is None:
            return False
        self._end_pause(self._run, now)
        return True

    def move(self, now: float, by: int) -> bool:
        """Leave this step for the one `by` steps on (0: this one again); ends a pause."""
        run = self._run
        if run is None or run.index + by < 0:
            return False
        if self._state is State.PAUSED:
            self._end_pause(run, now)
        a = self._active(now)
        outcome = StepOutcome.REPEATED if by == 0 else self._left_early(run, a)
        self._leave(run, outcome, a)
        self._go(run.index + by, a, run.index)
        return True

    def finish_gently(self, now: float) -> bool:
        """Go to the closing steps, unless already in them."""
        run = self._run
        if run is None or run.index >= self._closing_from:
            return False
        self._gently = True
        return self.move(now, self._closing_from - run.index)

    def stop(self, now: float, reason: str) -> bool:
        """End the session at `now`."""
        run = self._run
        if self._state is State.PAUSED and run is not None:
            self._end_pause(run, now)
        a = self._active(now)
        if run is not None:
            self._leave(run, self._left_early(run, a), a)
        self._finish(EndOutcome.STOPPED, reason, a)
        return True

    def add_time(self, now: float, seconds: float) -> bool:
        """Lengthen this step's massage by `seconds`."""
        if self._run is None:
            return False
        self._run.add_time(seconds, self.now_a(now))
        return True

    def set_tempo(self, now: float, factor: float) -> bool:
        """Counted steps at `factor` from `now`."""
        self._tempo = factor
        run = self._run
        if run is not None:
            run.set_rate(factor, self.now_a(now))
        self._book.add_tempo(self.session_t(now), factor, run.step.id if run else None)
        return True

    def cue(self, now: float, cue: Cue, window_s: float) -> int:
        """Pause for the baby's `cue`; how many cues came within `window_s` up to it."""
        run = self._run
        if self._state is State.RUNNING and run is not None:
            self._pause_at(run, now, "unsettled", cue)
        step_id = run.step.id if run else None
        return self._book.add_cue(self.session_t(now), cue, step_id, window_s)

    def speech_until(self, now: float, seconds: float) -> bool:
        """The spoken opening ends `seconds` after the step's start (not before `now`)."""
        run = self._run
        if run is None or run.phase is not Phase.SPEAKING:
            return False
        run.speech_due_a = max(run.start_a + seconds, self.now_a(now))
        return True

    @staticmethod
    def _left_early(run: StepRun, a: float) -> StepOutcome:
        return StepOutcome.SHORTENED if run.massage_s(a) > 0 else StepOutcome.SKIPPED
