"""What a newer version of a protocol changes in a program made from an older one, and accepting it.

Nothing changes by itself: a program whose protocol moved on says what would change (steps
added, dropped or revised, counts and lengths brought within the new bounds), and runs again
only once those changes are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from massage_desktop.protocol.models import Protocol, Step
from massage_desktop.protocol.program import Program, ProgramStep
from massage_desktop.protocol.program_checks import count_bounds, fingerprint, longest_minutes


@dataclass(frozen=True, slots=True)
class Change:
    """One change to accept: its kind, the step it is about (or ''), and plain words."""

    kind: str
    step: str
    words: str


def changes(program: Program, protocol: Protocol) -> tuple[Change, ...]:
    """What accepting `protocol` (a newer or revised version) would change in `program`."""
    revised = _revised(program, protocol)
    if program.protocol_version == protocol.version and not revised:
        return ()
    found: list[Change] = []
    if program.protocol_version != protocol.version:
        found.append(
            Change(
                "version",
                "",
                f"{protocol.title} is now version {protocol.version} "
                f"(this program was made from version {program.protocol_version}).",
            )
        )
    steps = {step.id: step for step in protocol.steps}
    for entry in program.steps:
        if entry.id not in steps:
            found.append(Change("removed", entry.id, f"The step {entry.id!r} is gone; dropped."))
    listed = {entry.id for entry in program.steps}
    for step in protocol.steps:
        if step.id not in listed:
            found.append(Change("added", step.id, f"New step {step.title!r}: added as written."))
    found += [
        Change("revised", sid, f"The step {steps[sid].title!r} was revised.") for sid in revised
    ]
    accepted = {entry.id: entry for entry in accept(program, protocol).steps}
    for entry in program.steps:
        new = accepted.get(entry.id)
        if new is not None:
            found += _adjusted(entry, new, steps[entry.id])
    found += _lengths(program, protocol)
    return tuple(found)


def accept(program: Program, protocol: Protocol) -> Program:
    """`program` made anew from `protocol`: its choices kept wherever the new bounds allow."""
    entries = {entry.id: entry for entry in program.steps}
    ends = {protocol.steps[0].id, protocol.steps[-1].id}
    steps = tuple(
        _fitted(entries.get(step.id) or ProgramStep(id=step.id), step, step.id in ends)
        for step in protocol.steps
    )
    minutes = program.minutes
    if minutes is not None:
        minutes = min(minutes, longest_minutes(protocol))
    course = program.course.model_copy(
        update={"per_day": min(program.course.per_day, protocol.frequency.per_day)}
    )
    return program.model_copy(
        update={
            "protocol_version": protocol.version,
            "steps": steps,
            "minutes": minutes,
            "course": course,
        }
    )


def _revised(program: Program, protocol: Protocol) -> list[str]:
    steps = {step.id: step for step in protocol.steps}
    return [
        entry.id
        for entry in program.steps
        if entry.id in steps
        and entry.fingerprint
        and entry.fingerprint != fingerprint(steps[entry.id])
    ]


def _fitted(entry: ProgramStep, step: Step, end: bool) -> ProgramStep:
    bounds = count_bounds(step)
    count: int | None = None
    tempo = entry.tempo
    if bounds is None:
        tempo = 1.0
    elif entry.count is not None:
        count = min(max(entry.count, bounds[0]), bounds[1])
    include = entry.include or end
    update = {"count": count, "tempo": tempo, "include": include, "fingerprint": fingerprint(step)}
    return entry.model_copy(update=update)


def _adjusted(old: ProgramStep, new: ProgramStep, step: Step) -> list[Change]:
    out: list[Change] = []
    if old.count is not None and new.count != old.count:
        now = "is now timed; its count is dropped" if new.count is None else f"becomes {new.count}"
        out.append(Change("count", step.id, f"{step.title}: the count {old.count} {now}."))
    if old.tempo != new.tempo:
        out.append(Change("tempo", step.id, f"{step.title} is now timed: its tempo is dropped."))
    if new.include and not old.include:
        out.append(
            Change("include", step.id, f"{step.title} now opens or ends the session: back in.")
        )
    return out


def _lengths(program: Program, protocol: Protocol) -> list[Change]:
    out: list[Change] = []
    longest = longest_minutes(protocol)
    if program.minutes is not None and program.minutes > longest:
        out.append(Change("minutes", "", f"The session length becomes {longest:g} minutes."))
    most = protocol.frequency.per_day
    if program.course.per_day > most:
        out.append(Change("per_day", "", f"Sessions a day become {most}, as the new version says."))
    return out
