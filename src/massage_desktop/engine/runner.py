"""The machinery under the Engine: the timed walk through steps, pauses and the record."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import replace

from massage_desktop.engine.events import (
    Beat,
    Event,
    Halfway,
    Listener,
    MassageStarted,
    Paused,
    PromptDue,
    Resumed,
    SecondsLeft,
    SessionFinished,
    SideSwitched,
    State,
    StepFinished,
    StepStarted,
)
from massage_desktop.engine.recorder import RecordBook
from massage_desktop.engine.schedule import (
    Item,
    ItemKind,
    SpeechTiming,
    StepRun,
    from_partner,
    openings,
)
from massage_desktop.engine.view import EngineView
from massage_desktop.plan import Plan
from massage_desktop.record import Cue, EndOutcome, SessionRecord, StepOutcome, StepRecord

log = logging.getLogger(__name__)

ROUNDING_S = 1e-6


class EngineCore(EngineView):
    """Moves a session through its schedule; the Engine adds the caregiver's actions."""

    def __init__(
        self,
        plan: Plan,
        clock: Callable[[], float],
        listener: Listener,
        speech: SpeechTiming,
        suspend_gap_s: float,
        countdown: bool,
    ) -> None:
        super().__init__(plan, clock, speech)
        self._listener = listener
        self._suspend_gap_s = suspend_gap_s
        self._countdown = countdown
        self._gently = False
        self._visit_t = 0.0
        self._book = RecordBook(plan)
        self._outbox: deque[Event] = deque()
        self._delivering = False
        self._last_t = 0.0
        closing = [i for i, step in enumerate(plan.steps) if step.closing]
        self._closing_from = closing[0] if closing else len(plan.steps)

    def _advance(self, now: float) -> None:
        while self._state is State.RUNNING and self._run is not None:
            item = self._run.next_item()
            due = self._abs(item.a)
            if due > now:
                return
            if now - due > self._suspend_gap_s:
                log.warning("clock jumped %.1f s past a deadline: pausing", now - due)
                self._pause_at(due, "suspended", None)
                return
            self._fire(self._run, item)

    def _fire(self, run: StepRun, item: Item) -> None:
        run.mark(item)
        t, index, step_id = self._t(item.a), run.index, run.step.id
        match item.kind:
            case ItemKind.MASSAGE_START:
                run.start_massage(item.a)
                self._emit(MassageStarted(t, index, step_id))
            case ItemKind.PROMPT:
                prompt = run.timed[item.n]
                self._emit(PromptDue(t, index, step_id, prompt.text, prompt.kind))
            case ItemKind.HALFWAY:
                self._emit(Halfway(t, index, step_id))
            case ItemKind.SECONDS_LEFT:
                self._emit(SecondsLeft(t, index, step_id, item.n))
            case ItemKind.BEAT:
                self._emit(Beat(t, index, step_id, item.n, run.beats_total))
            case ItemKind.END:
                self._leave(StepOutcome.DONE, item.a)
                self._go(index + 1, item.a, index)

    def _emit(self, event: Event) -> None:
        # A pause shifts the schedule by a float difference; rounding must not reorder events.
        if self._last_t - ROUNDING_S < event.t < self._last_t:
            event = replace(event, t=self._last_t)
        self._last_t = event.t
        self._outbox.append(event)

    def _deliver(self) -> None:
        if self._delivering:
            return  # a listener acted: its events follow the ones being delivered
        self._delivering = True
        try:
            while self._outbox:
                self._listener(self._outbox.popleft())
        finally:
            self._delivering = False

    # --- steps ---------------------------------------------------------------------------

    def _go(self, index: int, a: float, came_from: int | None) -> None:
        if index < len(self._plan.steps):
            self._enter(index, a, came_from)
        else:
            outcome = EndOutcome.FINISHED_GENTLY if self._gently else EndOutcome.COMPLETED
            self._finish(outcome, "", a)

    def _enter(self, index: int, a: float, came_from: int | None) -> None:
        step = self._plan.steps[index]
        texts = [p.text for p in openings(self._plan.steps, index, came_from)]
        wait, expected = self._speech.wait(texts), self._speech.estimate(texts)
        self._run = StepRun(index, step, a, wait, self._tempo, self._countdown, expected)
        self._gently = self._gently and index >= self._closing_from
        self._visit_t = t = self._t(a)
        self._emit(StepStarted(t, index, step.id, step.title))
        if from_partner(self._plan.steps, index, came_from):
            self._emit(SideSwitched(t, index, step.id))
        for prompt in openings(self._plan.steps, index, came_from):
            self._emit(PromptDue(t, index, step.id, prompt.text, prompt.kind))

    def _leave(self, outcome: StepOutcome, a: float) -> None:
        run = self._run
        assert run is not None
        self._book.add_visit(self._visit(run, a, outcome))
        self._emit(StepFinished(self._t(a), run.index, run.step.id, outcome))

    def _visit(self, run: StepRun, a: float, outcome: StepOutcome | None) -> StepRecord:
        return StepRecord(
            step_id=run.step.id,
            index=run.index,
            title=run.step.title,
            outcome=outcome,
            start_t=self._visit_t,
            end_t=None if outcome is None else self._t(a),
            speech_s=run.speech_s(a),
            massage_s=run.massage_s(a),
            repeats=int(outcome is StepOutcome.REPEATED),
            added_s=run.added_s,
        )

    def _finish(self, outcome: EndOutcome, reason: str, a: float) -> None:
        self._progress_at_end = self.progress
        self._state = State.STOPPED if outcome is EndOutcome.STOPPED else State.FINISHED
        self._end_at = self._abs(a)
        self._book.outcome, self._book.reason = outcome, reason
        self._run = None
        log.info("session %s after %.1f s %s", outcome.value, self._t(a), reason)
        self._emit(SessionFinished(self._t(a), outcome, reason))

    # --- pauses --------------------------------------------------------------------------

    def _pause_at(self, at: float, reason: str, cue: Cue | None) -> None:
        run = self._run
        assert run is not None, "only a running step pauses"
        self._state, self._paused_at = State.PAUSED, at
        self._book.open_pause(at - self._start, reason, cue, run.step.id)
        self._emit(Paused(at - self._start, run.index, run.step.id, reason, cue))

    def _end_pause(self, now: float) -> None:
        assert self._paused_at is not None
        length = now - self._paused_at
        self._paused_total += length
        self._state, self._paused_at = State.RUNNING, None
        self._book.close_pause(length)
        run = self._run
        assert run is not None, "only a running step pauses"
        self._emit(Resumed(now - self._start, run.index, run.step.id))

    def _left_early(self, run: StepRun, a: float) -> StepOutcome:
        return StepOutcome.SHORTENED if run.massage_s(a) > 0 else StepOutcome.SKIPPED

    @property
    def record(self) -> SessionRecord:
        """The session so far (a SessionRecord); complete once finished."""
        now = self._clock()
        run = self._run
        current = None if run is None else self._visit(run, self._now_a(now), None)
        open_pause = None if self._paused_at is None else now - self._paused_at
        return self._book.snapshot(current, open_pause, self.elapsed_s)
