"""Loads a program file (a child's own, or one handed over as FILE.massage) and checks it.

Every problem names the file, the line, the field and what is wrong, as for protocol files: the
shape by the Program model, then the program against its protocol in the library, then the
protocol as the program runs it by the same checks as any protocol file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from massage_desktop.protocol.checks import check
from massage_desktop.protocol.loader import (
    Problem,
    finding_problems,
    parse_toml,
    read_text,
    validation_problems,
)
from massage_desktop.protocol.locate import line_index
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import FORMAT, Program
from massage_desktop.protocol.program_adapt import ProgramNotApplicable, adapt
from massage_desktop.protocol.program_checks import check_program
from massage_desktop.protocol.toml_text import dumps

if TYPE_CHECKING:
    from massage_desktop.snapshot import Snapshot

ProgramLoad = tuple[Program | None, list[Problem]]


def load_program(
    path: Path,
    protocols: Mapping[str, Protocol],
    snapshot: Snapshot | None = None,
    library: str = "",
) -> ProgramLoad:
    """Read and check the program file at `path` against the library `protocols`.

    The program is None when anything is wrong; the problems then say what. With a
    `snapshot`, a file checked before with the same text against the same `library` (its
    LoadResult.fingerprint) is read back from it unchecked.
    """
    text = read_text(path)
    if isinstance(text, Problem):
        return None, [text]
    if snapshot is None:
        return _parse(text, path, protocols)
    from massage_desktop.protocol.checked import kept, rebuilt

    found = rebuilt(Program, path, snapshot.get(str(path), text, library))
    if found is None:
        found = _parse(text, path, protocols)
        snapshot.put(str(path), text, kept(*found), library)
    return found


def _parse(text: str, path: Path, protocols: Mapping[str, Protocol]) -> ProgramLoad:
    data = parse_toml(path, text)
    if isinstance(data, Problem):
        return None, [data]
    return parse_program(text, data, path, protocols)


def parse_program(
    text: str, data: dict[str, Any], path: Path, protocols: Mapping[str, Protocol]
) -> ProgramLoad:
    """Check program data read from `text` (the file at `path`) against `protocols`."""
    lines = line_index(text)
    newer = _newer_format(data, path, lines)
    if newer is not None:
        return None, [newer]
    from pydantic import ValidationError  # checking loads pydantic, here only

    try:
        program = Program.model_validate(data)
    except ValidationError as exc:
        return None, validation_problems(path, lines, exc)
    protocol = protocols.get(program.protocol)
    problems = finding_problems(path, lines, check_program(program, protocol))
    if problems or protocol is None or program.protocol_version != protocol.version:
        return (None if problems else program), problems
    try:
        adapted = adapt(protocol, program)
    except ProgramNotApplicable as exc:
        return None, [Problem(path, "steps", str(exc), lines.get(("steps", 0), 1))]
    errors = [f for f in check(adapted) if not f.warning]
    if errors:
        words = "; ".join(f.message for f in errors)
        return None, [
            Problem(path, "steps", f"the program breaks a rule of {protocol.title}: {words}")
        ]
    return program, []


def _newer_format(data: dict[str, Any], path: Path, lines: dict[Any, int]) -> Problem | None:
    """A file of a newer format is refused before its fields are read: they may mean more."""
    found = data.get("format")
    if isinstance(found, int) and not isinstance(found, bool) and found > FORMAT:
        return Problem(
            path,
            "format",
            (
                f"made by a newer massage-desktop (format {found}; this one reads {FORMAT}): "
                "update massage-desktop to open it"
            ),
            lines.get(("format",), 1),
        )
    return None


HEADER = """A child's massage program, made with massage-desktop from one protocol of its library.
Check it with `massage-desktop validate FILE`; open it with `massage-desktop program import FILE`.
"""


def program_text(program: Program) -> str:
    """The program as the TOML file `load_program` reads back to the same program."""
    data = program.model_dump(exclude_none=True)
    data["steps"] = [_step_data(step) for step in data["steps"]]
    return dumps(data, HEADER)


def _step_data(step: dict[str, Any]) -> dict[str, Any]:
    """A step without the defaults it does not change, so the file reads easily."""
    keep = ("id", "include", "fingerprint")
    defaults = {"tempo": 1.0, "note": ""}
    return {k: v for k, v in step.items() if k in keep or defaults.get(k, object()) != v}
