"""The words of a running session: its states and phases, and the events emitted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from massage_desktop.record import Cue, EndOutcome, StepOutcome
from massage_desktop.script import PromptKind


class State(StrEnum):
    """Where a session is in its life."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class Phase(StrEnum):
    """Within a step: the instruction is being spoken, or the massage clock runs."""

    SPEAKING = "speaking"
    MASSAGE = "massage"


class EventKind(StrEnum):
    """What happened; the values are the names the command line prints."""

    SESSION_STARTED = "session_started"
    STEP_STARTED = "step_started"
    MASSAGE_STARTED = "massage_started"
    PROMPT = "prompt"
    HALFWAY = "halfway"
    SECONDS_LEFT = "seconds_left"
    SIDE_SWITCHED = "side_switched"
    BEAT = "beat"
    STEP_FINISHED = "step_finished"
    PAUSED = "paused"
    RESUMED = "resumed"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened at session time `t` (seconds since start, as scheduled)."""

    kind: EventKind
    t: float
    step_index: int | None = None
    step_id: str | None = None
    text: str = ""
    prompt_kind: PromptKind | None = None
    beat: int | None = None
    of: int | None = None
    seconds: int | None = None
    outcome: StepOutcome | EndOutcome | None = None
    reason: str = ""
    cue: Cue | None = None

    def as_json(self) -> dict[str, Any]:
        """A flat JSON object: t, event, step, then only the fields this kind carries."""
        out: dict[str, Any] = {"t": round(self.t, 3), "event": self.kind.value}
        out["step"] = self.step_id
        optional: tuple[tuple[str, Any], ...] = (
            ("index", self.step_index),
            ("text", self.text or None),
            ("prompt_kind", self.prompt_kind),
            ("beat", self.beat),
            ("of", self.of),
            ("seconds", self.seconds),
            ("outcome", self.outcome),
            ("reason", self.reason or None),
            ("cue", self.cue),
        )
        for name, value in optional:
            if value is not None:
                out[name] = str(value) if isinstance(value, StrEnum) else value
        return out
