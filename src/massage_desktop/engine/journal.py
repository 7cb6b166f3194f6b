"""Turns a session's events into the journal entries the history writes as the session happens."""

from __future__ import annotations

from collections.abc import Callable

from massage_desktop.bodymap import Side
from massage_desktop.engine.events import (
    Event,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepFinished,
    StepStarted,
)
from massage_desktop.plan import Plan
from massage_desktop.record import (
    JournalEntry,
    PauseBegun,
    PauseEnded,
    SessionBegun,
    SessionEnded,
    StepEnded,
)

_SIDED = (Side.LEFT, Side.RIGHT)


class Journal:
    """A listener for a session's events that hands each entry worth keeping to `write`.

    The session's start, each step's end, each pause and its end, and the session's end
    make an entry; the rest (prompts, beats) do not.
    """

    def __init__(self, plan: Plan, write: Callable[[JournalEntry], None]) -> None:
        self._plan = plan
        self._write = write
        self._step_started: dict[int, float] = {}

    def __call__(self, event: Event) -> None:
        """Note one event; write its entry if it makes one."""
        match event:
            case SessionStarted():
                self._write(self._begun())
            case StepStarted(t=t, step_index=index):
                self._step_started[index] = t
            case StepFinished(t=t, step_index=index, step_id=step_id, outcome=outcome):
                began = self._step_started.pop(index, t)
                self._write(StepEnded(index, step_id, self._title(index), outcome, t, t - began))
            case Paused(t=t, reason=reason, cue=cue):
                self._write(PauseBegun(t, reason, cue))
            case Resumed(t=t):
                self._write(PauseEnded(t))
            case SessionFinished(t=t, outcome=outcome, reason=reason):
                self._write(SessionEnded(outcome, t, reason))

    def _begun(self) -> SessionBegun:
        plan = self._plan
        return SessionBegun(
            protocol_id=plan.protocol_id,
            protocol_version=plan.version,
            protocol_title=plan.title,
            planned_s=plan.total_s,
            age_weeks=plan.age_weeks,
            session_number=plan.session_number,
            program_id=plan.program_id,
            planned_steps=tuple((s.id, self._title(k)) for k, s in enumerate(plan.steps)),
        )

    def _title(self, index: int) -> str:
        step = self._plan.steps[index]
        return f"{step.title}, {step.side.value} side" if step.side in _SIDED else step.title
