"""A therapist's program: a library protocol adapted for one child, as its TOML file holds it.

The file says which of the protocol's steps are in or out, a count, tempo and note per step, the
session length, the course (how often, how many sessions) and who prescribed it. The model alone
checks the shape and the fixed bounds; `program_checks` checks it against its protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from massage_desktop.datamodel import Rule
from massage_desktop.protocol.models import (
    ConditionId,
    Id,
    Model,
    OptionalText,
    PositiveInt,
    Text,
)

FORMAT = 1  # the program file format this version reads and writes
MIN_TEMPO, MAX_TEMPO = 0.5, 2.0  # a factor on the written pace: 2.0 is twice as fast
MAX_COUNT_FACTOR = 2  # a count goes from 1 to twice the protocol's
MAX_WEEKS_EARLY = 20

Name = Annotated[str, Rule(max_length=100, strip_whitespace=True)]
ChildName = Annotated[str, Rule(min_length=1, max_length=60, strip_whitespace=True)]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgramStep(Model):
    """One step of the protocol: in or out, its count and tempo, and a note for the parent."""

    id: Id
    include: bool = True
    count: PositiveInt | None = None
    tempo: Annotated[float, Rule(ge=MIN_TEMPO, le=MAX_TEMPO)] = 1.0
    note: OptionalText = ""
    # What the step was when the program was made (see program_changes.fingerprint).
    fingerprint: Annotated[str, Rule(pattern=r"^([0-9a-f]{12})?$")] = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CoursePlan(Model):
    """How often and for how long: sessions a day, days a week, sessions in the course."""

    per_day: Annotated[int, Rule(gt=0, le=10)] = 1
    days_per_week: Annotated[int, Rule(gt=0, le=7)] = 7
    sessions: Annotated[int, Rule(gt=0, le=100)] = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class Prescriber(Model):
    """Who made the program: the therapist's name and how to reach them."""

    name: Name = ""
    contact: Name = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedChild(Model):
    """The child a shared file is for: name, birth date, weeks early, lasting conditions."""

    name: ChildName
    born: date
    weeks_early: Annotated[int, Rule(ge=0, le=MAX_WEEKS_EARLY)] = 0
    conditions: tuple[ConditionId, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Program(Model):
    """A child's own program, made from one version of one protocol."""

    format: PositiveInt = FORMAT
    id: Id
    title: Text
    protocol: Id
    protocol_version: PositiveInt
    child: Name = ""  # the name of a saved child, or "" for none
    minutes: Annotated[float, Rule(gt=0, le=90)] | None = None
    course: CoursePlan = CoursePlan()
    prescribed_by: Prescriber = Prescriber()
    created: date
    note: OptionalText = ""
    steps: Annotated[tuple[ProgramStep, ...], Rule(min_length=1)]
    shared_child: SharedChild | None = None  # only in a file handed to a parent

    def step(self, step_id: str) -> ProgramStep | None:
        """The program's entry for `step_id`, if it lists one."""
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def notes(self) -> dict[str, str]:
        """Each step's note for the parent, by step id (steps with a note only)."""
        return {s.id: s.note for s in self.steps if s.note}
