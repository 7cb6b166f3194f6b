"""A child's program made from a protocol, and planned: the program's steps, counts and notes,
with every age and safety rule of the plan still in force.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from massage_desktop.plan import LeftOut, Plan, PlanRefused, plan
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import CoursePlan, Prescriber, Program
from massage_desktop.protocol.program_adapt import adapt
from massage_desktop.protocol.program_changes import changes
from massage_desktop.protocol.program_checks import check_program, fingerprint

if TYPE_CHECKING:
    from pydantic import ValidationError

LEFT_OUT_BY_PROGRAM = "left out by the child's program"


class ProgramError(ValueError):
    """A program cannot be made as asked; `problems` says each reason ('field: what')."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


class ProgramOutOfDate(PlanRefused):
    """The program's protocol has changed since it was made: the changes wait to be accepted."""


def plan_program(
    protocol: Protocol,
    program: Program,
    age_weeks: float,
    session_number: int | None = None,
    conditions: Iterable[str] = (),
) -> Plan:
    """The plan of `program` for a child of `age_weeks`; raises PlanRefused or NotToday.

    Steps the child's age does not allow are left out with the reason, whatever the program says.
    """
    if changes(program, protocol):
        raise ProgramOutOfDate(
            f"{protocol.title} has changed since the program {program.title!r} was made; "
            "look at the changes and accept them first"
        )
    problems = check_program(program, protocol)
    if problems:
        raise PlanRefused("; ".join(f.message for f in problems))
    made = plan(adapt(protocol, program), age_weeks, session_number, conditions)
    notes = program.notes
    steps = tuple(replace(step, note=notes.get(step.step_id, "")) for step in made.steps)
    dropped = tuple(LeftOut(s.id, LEFT_OUT_BY_PROGRAM) for s in program.steps if not s.include)
    return replace(
        made,
        steps=steps,
        left_out=(*dropped, *made.left_out),
        program_id=program.id,
        program_title=program.title,
    )


def make_program(
    protocol: Protocol,
    program_id: str,
    title: str,
    created: date,
    *,
    skip: Iterable[str] = (),
    counts: Mapping[str, int] | None = None,
    tempos: Mapping[str, float] | None = None,
    notes: Mapping[str, str] | None = None,
    **fields: Any,
) -> Program:
    """A program of `protocol` with these choices; raises ProgramError naming what is wrong.

    `fields` are the Program's other fields (child, minutes, course, prescribed_by, note...).
    """
    counts, tempos, notes = counts or {}, tempos or {}, notes or {}
    skip = set(skip)
    known = {step.id for step in protocol.steps}
    unknown = [
        f"steps: no step {sid!r} in {protocol.title}; its steps are {', '.join(sorted(known))}"
        for sid in sorted((skip | set(counts) | set(tempos) | set(notes)) - known)
    ]
    steps = [
        {
            "id": step.id,
            "include": step.id not in skip,
            "count": counts.get(step.id),
            "tempo": tempos.get(step.id, 1.0),
            "note": notes.get(step.id, ""),
            "fingerprint": fingerprint(step),
        }
        for step in protocol.steps
    ]
    data = {
        "id": program_id,
        "title": title,
        "protocol": protocol.id,
        "protocol_version": protocol.version,
        "created": created,
        "steps": steps,
        **fields,
    }
    try:
        program = checked(data, protocol)
    except ProgramError as exc:
        raise ProgramError([*unknown, *exc.problems]) from exc
    if unknown:
        raise ProgramError(unknown)
    return program


def checked(data: Mapping[str, Any], protocol: Protocol) -> Program:
    """Program data validated and checked against `protocol`; raises ProgramError."""
    from pydantic import ValidationError  # checking loads pydantic, here only

    try:
        program = Program.model_validate(dict(data))
    except ValidationError as exc:
        raise ProgramError(_pydantic_words(exc, data)) from exc
    found = check_program(program, protocol)
    if found:
        raise ProgramError(f"{_dotted(f.loc, data)}: {f.message}" for f in found)
    return program


def _pydantic_words(exc: ValidationError, data: Mapping[str, Any]) -> list[str]:
    return [f"{_dotted(err['loc'], data)}: {err['msg']}" for err in exc.errors()]


def _dotted(loc: Iterable[str | int], data: Mapping[str, Any]) -> str:
    """A field path; inside the steps the step's id names it ('steps.arm-stroking.count')."""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "steps" and isinstance(parts[1], int):
        steps = data.get("steps", [])
        if parts[1] < len(steps):
            parts[1] = str(steps[parts[1]].get("id", parts[1]))
    return ".".join(str(p) for p in parts) or "(program)"


__all__ = [
    "LEFT_OUT_BY_PROGRAM",
    "CoursePlan",
    "Prescriber",
    "ProgramError",
    "ProgramOutOfDate",
    "checked",
    "make_program",
    "plan_program",
]
