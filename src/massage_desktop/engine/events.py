"""The events of a running session, one small frozen dataclass per kind, and its states."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

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


# JSON key and attribute, in the order the command line prints them.
_JSON_FIELDS = (
    ("index", "step_index"),
    ("text", "title"),
    ("text", "text"),
    ("prompt_kind", "prompt_kind"),
    ("beat", "beat"),
    ("of", "of"),
    ("seconds", "seconds"),
    ("outcome", "outcome"),
    ("reason", "reason"),
    ("cue", "cue"),
)


@dataclass(frozen=True, slots=True)
class BaseEvent:
    """Something that happened at session time `t` (seconds since start, as scheduled)."""

    kind: ClassVar[str]  # the name the command line prints
    t: float

    def as_json(self) -> dict[str, Any]:
        """A flat JSON object: t, event, step, then only the fields this kind carries."""
        out: dict[str, Any] = {"t": round(self.t, 3), "event": self.kind}
        out["step"] = self.step_id if isinstance(self, StepEvent) else None
        for key, name in _JSON_FIELDS:
            value = getattr(self, name, None)
            if value is not None and value != "":
                out[key] = str(value) if isinstance(value, StrEnum) else value
        return out


@dataclass(frozen=True, slots=True)
class StepEvent(BaseEvent):
    """Something that happened in a step: its index in the plan and its id."""

    step_index: int
    step_id: str


@dataclass(frozen=True, slots=True)
class SessionStarted(BaseEvent):
    """The session began."""

    kind: ClassVar[str] = "session_started"


@dataclass(frozen=True, slots=True)
class StepStarted(StepEvent):
    """A step began with its instruction."""

    kind: ClassVar[str] = "step_started"
    title: str


@dataclass(frozen=True, slots=True)
class MassageStarted(StepEvent):
    """The instruction has been spoken: the step's massage clock runs."""

    kind: ClassVar[str] = "massage_started"


@dataclass(frozen=True, slots=True)
class PromptDue(StepEvent):
    """A sentence to speak now."""

    kind: ClassVar[str] = "prompt"
    text: str
    prompt_kind: PromptKind


@dataclass(frozen=True, slots=True)
class Halfway(StepEvent):
    """Half the step's massage time is done."""

    kind: ClassVar[str] = "halfway"


@dataclass(frozen=True, slots=True)
class SecondsLeft(StepEvent):
    """This many seconds of the step are left (10; and 3, 2, 1 with the countdown)."""

    kind: ClassVar[str] = "seconds_left"
    seconds: int


@dataclass(frozen=True, slots=True)
class SideSwitched(StepEvent):
    """A right side follows its left."""

    kind: ClassVar[str] = "side_switched"


@dataclass(frozen=True, slots=True)
class Beat(StepEvent):
    """Repetition `beat` of `of` began."""

    kind: ClassVar[str] = "beat"
    beat: int
    of: int


@dataclass(frozen=True, slots=True)
class StepFinished(StepEvent):
    """A visit of a step ended."""

    kind: ClassVar[str] = "step_finished"
    outcome: StepOutcome


@dataclass(frozen=True, slots=True)
class Paused(StepEvent):
    """The session paused: "" when the caregiver paused, else why; the cue if the baby's."""

    kind: ClassVar[str] = "paused"
    reason: str
    cue: Cue | None = None


@dataclass(frozen=True, slots=True)
class Resumed(StepEvent):
    """The session carries on."""

    kind: ClassVar[str] = "resumed"


@dataclass(frozen=True, slots=True)
class SessionFinished(BaseEvent):
    """The session ended, and why."""

    kind: ClassVar[str] = "finished"
    outcome: EndOutcome
    reason: str = ""


Event = (
    SessionStarted
    | StepStarted
    | MassageStarted
    | PromptDue
    | Halfway
    | SecondsLeft
    | SideSwitched
    | Beat
    | StepFinished
    | Paused
    | Resumed
    | SessionFinished
)
Listener = Callable[[Event], None]
