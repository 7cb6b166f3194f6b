"""A program checked against its protocol: known steps, every step listed, counts and tempo within
bounds, the opening and closing strokes kept, the length and the course within the protocol's.

Each problem is a Finding (a field path of the program file and a message), as protocol checks
are. A program made from an older version of its protocol is checked for its shape only: what
changed since is a change to accept (program_changes), not an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from massage_desktop.conditions import CONDITIONS, Kind
from massage_desktop.digest import sha256_hex
from massage_desktop.protocol.age_rules import Finding
from massage_desktop.protocol.models import Protocol, Step
from massage_desktop.protocol.program import FORMAT, MAX_COUNT_FACTOR, Program, ProgramStep


def fingerprint(step: Step) -> str:
    """A short digest of everything a step says, to notice when a new version changed it."""
    text = json.dumps(step.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return sha256_hex(text)[:12]


def count_bounds(step: Step) -> tuple[int, int] | None:
    """The counts a program may give `step` (1 to twice its own), or None for a timed step."""
    if step.repetitions is None:
        return None
    return 1, MAX_COUNT_FACTOR * step.repetitions


def longest_minutes(protocol: Protocol) -> float:
    """The longest session the protocol gives at any of its ages."""
    return max(rule.minutes for rule in protocol.session_length)


def check_program(program: Program, protocol: Protocol | None) -> list[Finding]:
    """Every problem of `program` against `protocol` (None: not in the library)."""
    if program.format > FORMAT:
        why = f"made by a newer massage-desktop (format {program.format}; this one reads {FORMAT})"
        return [Finding(("format",), f"{why}: update massage-desktop to open it")]
    if protocol is None or protocol.id != program.protocol:
        return [Finding(("protocol",), f"no protocol {program.protocol!r} in the library")]
    if program.protocol_version > protocol.version:
        return [
            Finding(
                ("protocol_version",),
                (
                    f"made from version {program.protocol_version} of {protocol.title}; this "
                    f"library has version {protocol.version}: update massage-desktop"
                ),
            )
        ]
    found = [*_duplicates(program), *_child(program)]
    if program.protocol_version == protocol.version:
        found += [*_steps(program, protocol), *_lengths(program, protocol)]
    return found


def _duplicates(program: Program) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, entry in enumerate(program.steps):
        if entry.id in seen:
            yield Finding(("steps", i, "id"), f"step {entry.id!r} is listed twice")
        seen.add(entry.id)


def _child(program: Program) -> Iterator[Finding]:
    child = program.shared_child
    if child is None:
        return
    for k, cid in enumerate(child.conditions):
        if CONDITIONS[cid].kind is not Kind.STANDING:
            yield Finding(
                ("shared_child", "conditions", k),
                f"{cid!r} is about one day, not a lasting condition",
            )


def _steps(program: Program, protocol: Protocol) -> Iterator[Finding]:
    steps = {step.id: step for step in protocol.steps}
    ends = {protocol.steps[0].id, protocol.steps[-1].id}
    for i, entry in enumerate(program.steps):
        step = steps.get(entry.id)
        if step is None:
            yield Finding(
                ("steps", i, "id"),
                f"no step {entry.id!r} in {protocol.title} version {protocol.version}",
            )
            continue
        if not entry.include and entry.id in ends:
            yield Finding(
                ("steps", i, "include"),
                f"every session begins and ends with stroking: {step.title!r} stays in",
            )
        yield from _bounds(("steps", i), entry, step)
    listed = {entry.id for entry in program.steps}
    for step in protocol.steps:
        if step.id not in listed:
            yield Finding(
                ("steps",),
                f"step {step.id!r} of {protocol.title} is not listed; add it, "
                "with include = true or false",
            )


def _bounds(loc: tuple[str | int, ...], entry: ProgramStep, step: Step) -> Iterator[Finding]:
    bounds = count_bounds(step)
    if bounds is None:
        if entry.count is not None:
            yield Finding(
                (*loc, "count"), f"{step.id!r} is timed ({step.duration_s:g} s), not counted"
            )
        if entry.tempo != 1.0:
            yield Finding((*loc, "tempo"), f"{step.id!r} is timed, not counted: its tempo stays 1")
        return
    low, high = bounds
    if entry.count is not None and not low <= entry.count <= high:
        yield Finding(
            (*loc, "count"),
            (
                f"must be from {low} to {high} (twice the protocol's {step.repetitions}), "
                f"not {entry.count}"
            ),
        )


def _lengths(program: Program, protocol: Protocol) -> Iterator[Finding]:
    longest = longest_minutes(protocol)
    if program.minutes is not None and program.minutes > longest:
        yield Finding(
            ("minutes",),
            (
                f"at most {longest:g} minutes, the longest {protocol.title} runs at any age, "
                f"not {program.minutes:g}"
            ),
        )
    most = protocol.frequency.per_day
    if program.course.per_day > most:
        times = "once" if most == 1 else f"{most} times"
        yield Finding(
            ("course", "per_day"),
            f"{protocol.title} is done at most {times} a day, not {program.course.per_day}",
        )
