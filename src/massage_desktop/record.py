"""A session as plain data: outcomes, cues, its whole record, and the journal the history keeps."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cue(StrEnum):
    """A sign that the baby has had enough for now (see DOMAIN.md, "Baby's cues")."""

    CRYING = "crying"
    FUSSING = "fussing"
    HICCUPS = "hiccups"
    TURNING_AWAY = "turning-away"
    ARCHING = "arching"
    RED_OR_PALE = "red-or-pale"
    YAWNING = "yawning"
    SPLAYED_FINGERS = "splayed-fingers"


class StepOutcome(StrEnum):
    """How a visit of a step ended."""

    DONE = "done"
    SKIPPED = "skipped"  # left before any massage time
    SHORTENED = "shortened"  # left during its massage time
    REPEATED = "repeated"  # restarted by `repeat`


class EndOutcome(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    FINISHED_GENTLY = "finished-gently"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class StepRecord:
    """A step's visits (or one visit): times are session seconds, lengths are seconds."""

    step_id: str
    index: int
    title: str
    outcome: StepOutcome | None  # of the last visit; None while it runs
    start_t: float
    end_t: float | None
    speech_s: float
    massage_s: float
    repeats: int = 0
    added_s: float = 0.0
    visits: int = 1


@dataclass(frozen=True, slots=True)
class PauseRecord:
    """A pause: when, how long (so far, while it lasts), why, and the cue if the baby's."""

    start_t: float
    length_s: float
    reason: str
    cue: Cue | None
    step_id: str | None


@dataclass(frozen=True, slots=True)
class CueRecord:
    """A cue the caregiver reported."""

    t: float
    cue: Cue
    step_id: str | None


@dataclass(frozen=True, slots=True)
class TempoChange:
    """A new tempo factor (1.0 as written, 2.0 twice as fast) from session second `t`."""

    t: float
    factor: float
    step_id: str | None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A whole session; `elapsed_s` == `speech_s` + `massage_s` + `paused_s`."""

    protocol_id: str
    version: int
    title: str
    age_weeks: float
    session_number: int | None
    steps: tuple[StepRecord, ...]  # one per step id, in order of first visit
    visits: tuple[StepRecord, ...]  # every visit in order
    pauses: tuple[PauseRecord, ...]
    cues: tuple[CueRecord, ...]
    tempo_changes: tuple[TempoChange, ...]
    outcome: EndOutcome | None  # None while the session runs
    reason: str
    speech_s: float
    massage_s: float
    paused_s: float
    elapsed_s: float


@dataclass(frozen=True, slots=True)
class SessionBegun:
    """A session of this plan began."""

    protocol_id: str
    protocol_version: int
    protocol_title: str
    planned_s: float
    age_weeks: float
    session_number: int | None
    program_id: str = ""  # the child's program the plan was made from, if any
    planned_steps: tuple[tuple[str, str], ...] = ()  # (step id, title) of every planned step


@dataclass(frozen=True, slots=True)
class StepEnded:
    """A step's visit ended at session second `at_s`, after `length_s`; the title names its side."""

    step_index: int
    step_id: str
    title: str
    outcome: StepOutcome
    at_s: float
    length_s: float


@dataclass(frozen=True, slots=True)
class PauseBegun:
    """The session paused at session second `at_s`."""

    at_s: float
    reason: str
    cue: Cue | None


@dataclass(frozen=True, slots=True)
class PauseEnded:
    """The session carried on at session second `at_s`."""

    at_s: float


@dataclass(frozen=True, slots=True)
class SessionEnded:
    """The session ended at session second `at_s`."""

    outcome: EndOutcome
    at_s: float
    reason: str


JournalEntry = SessionBegun | StepEnded | PauseBegun | PauseEnded | SessionEnded
