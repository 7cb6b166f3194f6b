"""Loads protocol TOML files; every problem names the file, the field and what is wrong."""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from massage_desktop.paths import protocols_dir
from massage_desktop.protocol.checks import Finding, check
from massage_desktop.protocol.locate import Path as Loc
from massage_desktop.protocol.locate import find_line, line_index
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.stroke_field import untagged

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

    from massage_desktop.snapshot import Snapshot

log = logging.getLogger(__name__)
_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)")


WHOLE_FILE = "(file)"  # the field of a problem with the file as a whole (unreadable, not TOML)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one protocol file; `str()` is one `FILE:LINE: field: message` line."""

    file: Path
    field: str
    message: str
    line: int = 1
    warning: bool = False

    def __str__(self) -> str:
        message = " ".join(self.message.split()) or "invalid"
        where = f"{self.file}:{self.line}" + (": warning" if self.warning else "")
        return f"{where}: {self.field or WHOLE_FILE}: {message}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The protocols that loaded, by id, the problems of those that did not, and warnings.

    `fingerprint` changes with any file's name or text (programs are checked against it).
    """

    protocols: dict[str, Protocol] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    fingerprint: str = ""


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _dotted(loc: Iterable[str | int]) -> str:
    """A field path as TOML writes it: bare names joined by dots, other names quoted."""
    parts = [str(part) for part in loc]
    return ".".join(p if _BARE_KEY.fullmatch(p) else json.dumps(p) for p in parts) or WHOLE_FILE


def load_file(
    path: Path, snapshot: Snapshot | None = None
) -> tuple[Protocol | None, list[Problem]]:
    """Load and check one file: the protocol (None on any error) and every problem found.

    Warnings are among the problems; they do not stop the protocol from loading. With a
    `snapshot`, a file checked before with the same text is read back from it unchecked.
    """
    text = read_text(path)
    if isinstance(text, Problem):
        return None, [text]
    return load_text(path, text, snapshot)


def read_text(path: Path) -> str | Problem:
    """The text of a file, or the Problem that stops it being read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Problem(path, WHOLE_FILE, f"cannot read the file: {exc}")


def load_text(
    path: Path, text: str, snapshot: Snapshot | None = None
) -> tuple[Protocol | None, list[Problem]]:
    """`load_file` of the file at `path`, its `text` read already."""
    if snapshot is None:
        return check_text(path, text)
    from massage_desktop.protocol.checked import kept, rebuilt

    found = rebuilt(Protocol, path, snapshot.get(str(path), text))
    if found is None:
        found = check_text(path, text)
        snapshot.put(str(path), text, kept(*found))
    return found


def check_text(path: Path, text: str) -> tuple[Protocol | None, list[Problem]]:
    """Check the text of the protocol file at `path` (see load_file)."""
    data = parse_toml(path, text)
    if isinstance(data, Problem):
        return None, [data]
    lines = line_index(text)
    from pydantic import ValidationError  # checking loads pydantic (20 MB), here only

    try:
        protocol = Protocol.model_validate(data)
    except ValidationError as exc:
        return None, validation_problems(path, lines, exc)
    problems = finding_problems(path, lines, check(protocol))
    failed = any(not problem.warning for problem in problems)
    return (None if failed else protocol), problems


def read_toml(path: Path) -> tuple[str, dict[str, Any]] | Problem:
    """The text of a TOML file and its data, or the Problem that stops it being read."""
    text = read_text(path)
    if isinstance(text, Problem):
        return text
    data = parse_toml(path, text)
    return data if isinstance(data, Problem) else (text, data)


def parse_toml(path: Path, text: str) -> dict[str, Any] | Problem:
    """The data of the TOML `text` (of the file at `path`), or why it is not TOML."""
    import tomllib  # not needed for files read back from a snapshot

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_AT.search(str(exc))
        return Problem(path, WHOLE_FILE, f"not valid TOML: {exc}", int(at[1]) if at else 1)


def validation_problems(path: Path, lines: dict[Loc, int], exc: ValidationError) -> list[Problem]:
    """A pydantic error as Problems, each naming its field and line."""
    problems = []
    for err in _root_causes(exc.errors()):
        loc = untagged(err["loc"])
        problems.append(Problem(path, _dotted(loc), _message(err), find_line(lines, loc) or 1))
    return problems


def finding_problems(
    path: Path, lines: dict[Loc, int], findings: Iterable[Finding]
) -> list[Problem]:
    """Cross-field findings as Problems, each naming its field and line."""
    return [
        Problem(path, _dotted(f.loc), f.message, find_line(lines, f.loc) or 1, f.warning)
        for f in findings
    ]


def _root_causes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "too short" errors of a list whose items failed: the items' errors say it all."""
    failed = [err["loc"] for err in errors]
    return [
        err
        for err in errors
        if err["type"] != "too_short"
        or not any(loc[: len(err["loc"])] == err["loc"] and loc != err["loc"] for loc in failed)
    ]


def _message(err: ErrorDetails) -> str:
    if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key"
    if err["type"] == "missing":
        return "required, but missing"
    msg = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    short = isinstance(value, str | int | float | bool) and len(repr(value)) <= 60
    if short and repr(value) not in msg:
        msg += f" (got {value!r})"
    return msg


def load_dir(*folders: Path, snapshot: Snapshot | None = None) -> LoadResult:
    """Load every `*.toml` in `folders`, each variant as a protocol too; a bad file never stops
    the others. With a `snapshot`, files checked before are read back from it (load_file)."""
    protocols: dict[str, Protocol] = {}
    origins: dict[str, Path] = {}
    problems: list[Problem] = []
    texts = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            text = read_text(path)
            if isinstance(text, Problem):
                protocol, found = None, [text]
            else:
                texts = zlib.crc32(f"{path}\n{text}\n".encode(), texts)
                protocol, found = load_text(path, text, snapshot)
            problems += found
            if protocol is None:
                continue
            for one in (protocol, *map(protocol.as_variant, protocol.variants)):
                if one.id in protocols:
                    used = f"protocol id {one.id!r} is already used by {origins[one.id]}"
                    problems.append(Problem(path, "id", used, _line_of(path, ("id",))))
                    continue
                protocols[one.id] = one
                origins[one.id] = path
    for problem in problems:
        log.warning("%s", problem)
    errors = tuple(p for p in problems if not p.warning)
    warnings = tuple(p for p in problems if p.warning)
    return LoadResult(protocols, errors, warnings, f"{texts:08x}")


def _line_of(path: Path, loc: tuple[str, ...]) -> int:
    try:
        return find_line(line_index(path.read_text(encoding="utf-8")), loc) or 1
    except (OSError, UnicodeDecodeError):
        return 1


def load_library(*extra: Path, snapshot: Snapshot | None = None) -> LoadResult:
    """The shipped protocols, then those in `extra` folders (a user's own)."""
    return load_dir(protocols_dir(), *extra, snapshot=snapshot)
