"""The machinery under the Engine: the timed walk through steps, pauses and the record."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from massage_desktop.engine.events import Event, EventKind, State
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

Listener = Callable[[Event], None]

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
        t = self._t(item.a)
        if item.kind is ItemKind.MASSAGE_START:
            run.start_massage(item.a)
            self._emit(EventKind.MASSAGE_STARTED, t)
        elif item.kind is ItemKind.PROMPT:
            prompt = run.timed[item.n]
            self._emit(EventKind.PROMPT, t, text=prompt.text, prompt_kind=prompt.kind)
        elif item.kind is ItemKind.HALFWAY:
            self._emit(EventKind.HALFWAY, t)
        elif item.kind is ItemKind.SECONDS_LEFT:
            self._emit(EventKind.SECONDS_LEFT, t, seconds=item.n)
        elif item.kind is ItemKind.BEAT:
            self._emit(EventKind.BEAT, t, beat=item.n, of=run.beats_total)
        else:
            self._leave(StepOutcome.DONE, item.a)
            self._go(run.index + 1, item.a, run.index)

    def _emit(self, kind: EventKind, t: float, **fields: Any) -> None:
        # A pause shifts the schedule by a float difference; rounding must not reorder events.
        t = self._last_t if self._last_t - ROUNDING_S < t < self._last_t else t
        self._last_t = t
        if self._run is not None:
            fields.setdefault("step_index", self._run.index)
            fields.setdefault("step_id", self._run.step.id)
        self._outbox.append(Event(kind, t, **fields))

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
        self._emit(EventKind.STEP_STARTED, t, text=step.title)
        if from_partner(self._plan.steps, index, came_from):
            self._emit(EventKind.SIDE_SWITCHED, t)
        for prompt in openings(self._plan.steps, index, came_from):
            self._emit(EventKind.PROMPT, t, text=prompt.text, prompt_kind=prompt.kind)

    def _leave(self, outcome: StepOutcome, a: float) -> None:
        run = self._run
        assert run is not None
        self._book.add_visit(self._visit(run, a, outcome))
        self._emit(EventKind.STEP_FINISHED, self._t(a), outcome=outcome)

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
        self._emit(EventKind.FINISHED, self._t(a), outcome=outcome, reason=reason)

    # --- pauses --------------------------------------------------------------------------

    def _pause_at(self, at: float, reason: str, cue: Cue | None) -> None:
        self._state, self._paused_at = State.PAUSED, at
        step_id = self._run.step.id if self._run else None
        self._book.open_pause(at - self._start, reason, cue, step_id)
        self._emit(EventKind.PAUSED, at - self._start, reason=reason, cue=cue)

    def _end_pause(self, now: float) -> None:
        assert self._paused_at is not None
        length = now - self._paused_at
        self._paused_total += length
        self._state, self._paused_at = State.RUNNING, None
        self._book.close_pause(length)
        self._emit(EventKind.RESUMED, now - self._start)

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
