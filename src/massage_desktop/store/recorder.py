"""Turns a running session's engine events into history writes, one short transaction each.

The session row is written at session_started, each step at step_finished, each pause at paused
(closed at resumed, which gives its length), and the end at finished. If the program dies between
two events, the history holds everything up to the last one and the next open marks the session
interrupted. A failed write never stops the massage: it is logged, the first failure is reported
once through `on_problem`, and later events are still tried (the disk may have been freed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from massage_desktop.bodymap import Side
from massage_desktop.engine import (
    Event,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepFinished,
    StepStarted,
)
from massage_desktop.plan import Plan
from massage_desktop.record import EndOutcome
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.history import (
    History,
    Outcome,
    PreviewNotRecorded,
    SessionStart,
    StoredStep,
)

log = logging.getLogger(__name__)

_SIDED = (Side.LEFT, Side.RIGHT)

_OUTCOMES = {
    EndOutcome.COMPLETED: Outcome.COMPLETED,
    EndOutcome.FINISHED_GENTLY: Outcome.FINISHED_GENTLY,
    EndOutcome.STOPPED: Outcome.STOPPED,
}


class Recorder:
    """A listener for engine events that writes one session into the history."""

    def __init__(
        self,
        history: History,
        plan: Plan,
        child_id: int | None,
        *,
        preview: bool = False,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        """Record `plan` for `child_id`; a preview is refused with PreviewNotRecorded."""
        if preview:
            raise PreviewNotRecorded("a preview is never recorded")
        self._history = history
        self._plan = plan
        self._child_id = child_id
        self._on_problem = on_problem
        self._session_id: int | None = None
        self._problem: str | None = None
        self._step_started: dict[int, float] = {}

    @property
    def session_id(self) -> int | None:
        """The history id of the session, once its start was written."""
        return self._session_id

    @property
    def problem(self) -> str | None:
        """The first write failure, in plain words, or None."""
        return self._problem

    def __call__(self, event: Event) -> None:
        """Handle one engine event."""
        write = self._writer(event)
        if write is None:
            return
        if not isinstance(event, SessionStarted) and self._session_id is None:
            return  # the start could not be written: nothing to attach this to
        try:
            write()
        except StoreError as exc:
            self._report(exc)

    def _writer(self, event: Event) -> Callable[[], None] | None:
        match event:
            case SessionStarted():
                return self._started
            case StepStarted():
                return lambda: self._step_began(event)
            case StepFinished():
                return lambda: self._step_finished(event)
            case Paused():
                return lambda: self._paused(event)
            case Resumed():
                return lambda: self._history.record_resume(self._id, event.t)
            case SessionFinished():
                return lambda: self._finished(event)
        return None

    @property
    def _id(self) -> int:
        assert self._session_id is not None, "events before session_started are dropped"
        return self._session_id

    def _started(self) -> None:
        start = SessionStart.from_plan(self._plan, self._child_id)
        self._session_id = self._history.start_session(start)

    def _step_began(self, event: StepStarted) -> None:
        self._step_started[event.step_index] = event.t

    def _step_finished(self, event: StepFinished) -> None:
        index = event.step_index
        began = self._step_started.pop(index, event.t)
        step = self._plan.steps[index]
        title = f"{step.title}, {step.side.value} side" if step.side in _SIDED else step.title
        stored = StoredStep(index, event.step_id, title, event.outcome, event.t, event.t - began)
        self._history.record_step(self._id, stored)

    def _paused(self, event: Paused) -> None:
        cue = event.cue.value if event.cue is not None else ""
        self._history.record_pause(self._id, event.t, event.reason, cue)

    def _finished(self, event: SessionFinished) -> None:
        self._history.finish_session(self._id, _OUTCOMES[event.outcome], event.t, event.reason)

    def _report(self, exc: StoreError) -> None:
        log.error("recording the session failed: %s", exc)
        if self._problem is None:
            self._problem = f"{exc} This session may not be fully recorded."
            if self._on_problem is not None:
                self._on_problem(self._problem)
