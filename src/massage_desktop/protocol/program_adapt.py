"""A program applied to its protocol: the protocol as this child's program runs it.

Steps left out are dropped, a therapist's count is kept as given (never scaled to fit the length),
a tempo factor changes the written pace, and the session length and the times a day are the
program's where they are shorter. The result is validated by the same models as any protocol
file, so nothing a program says can make a step the models would refuse.
"""

from __future__ import annotations

from typing import Any

from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import Program, ProgramStep


class ProgramNotApplicable(ValueError):
    """The program cannot be applied to this protocol; `str()` says why."""


def adapt(protocol: Protocol, program: Program) -> Protocol:
    """`protocol` as `program` runs it; raises ProgramNotApplicable for the wrong protocol."""
    if program.protocol != protocol.id:
        raise ProgramNotApplicable(
            f"the program {program.id!r} is made from {program.protocol!r}, not {protocol.id!r}"
        )
    data = protocol.model_dump()
    entries = {entry.id: entry for entry in program.steps}
    stages = []
    for stage in data["stages"]:
        steps = [_step(step, entries.get(step["id"])) for step in stage["steps"]]
        kept = [step for step in steps if step is not None]
        if kept:
            stages.append({**stage, "steps": kept})
    data["stages"] = stages
    kept_ids = {step["id"] for stage in stages for step in stage["steps"]}
    data["deviations"] = [
        d for d in data["deviations"] if d["step"] is None or d["step"] in kept_ids
    ]
    if program.minutes is not None:
        data["session_length"] = [
            {**rule, "minutes": min(rule["minutes"], program.minutes)}
            for rule in data["session_length"]
        ]
    frequency = data["frequency"]
    frequency["per_day"] = min(frequency["per_day"], program.course.per_day)
    from pydantic import ValidationError  # checking loads pydantic, here only

    try:
        return Protocol.model_validate(data)
    except ValidationError as exc:
        raise ProgramNotApplicable(f"the program makes a step the protocol refuses: {exc}") from exc


def _step(step: dict[str, Any], entry: ProgramStep | None) -> dict[str, Any] | None:
    if entry is None:
        return step
    if not entry.include:
        return None
    changed = dict(step)
    if entry.count is not None and step["repetitions"] is not None:
        changed["repetitions"] = entry.count
        changed["fixed_count"] = True  # the therapist's count, never scaled to fit
    if entry.tempo != 1.0 and step["tempo_s"] is not None:
        changed["tempo_s"] = round(step["tempo_s"] / entry.tempo, 3)
    return changed
