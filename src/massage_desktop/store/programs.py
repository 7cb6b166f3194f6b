"""Children's programs on disk: one TOML file each in the data folder's programs/, written
atomically; a file that does not load is left where it is and reported, never overwritten.

With a snapshot (snapshot.py), a file checked before against the same library is read back
from it, without pydantic.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from massage_desktop.protocol.loader import Problem
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_loader import load_program, program_text
from massage_desktop.store.atomic import StoreError, atomic_write_text, describe_os_error
from massage_desktop.store.paths import ensure_private_dir

if TYPE_CHECKING:
    from massage_desktop.snapshot import Snapshot

log = logging.getLogger(__name__)

SUFFIX = ".toml"
_NOT_ID = re.compile(r"[^a-z0-9]+")
MAX_ID = 60


@dataclass(frozen=True, slots=True)
class Listing:
    """The programs that loaded, by id, and the problems of the files that did not."""

    programs: dict[str, Program]
    problems: tuple[Problem, ...] = ()


def slug(title: str) -> str:
    """An id made from a title: 'Bee's strengthening' -> 'bee-s-strengthening'."""
    words = _NOT_ID.sub("-", title.lower()).strip("-")
    return words[:MAX_ID].rstrip("-") or "program"


def program_title(folder: Path, program_id: str) -> str:
    """The title in a program's file, read without checking the rest ('' if there is none)."""
    import tomllib

    try:
        data = tomllib.loads((folder / f"{program_id}{SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    title = data.get("title")
    return title if isinstance(title, str) else ""


class ProgramStore:
    """Reads, saves, copies and removes program files in one folder."""

    def __init__(
        self,
        folder: Path,
        protocols: Mapping[str, Protocol],
        snapshot: Snapshot | None = None,
        library: str = "",
    ) -> None:
        """`library`: the fingerprint of the library `protocols` came from (LoadResult)."""
        self._folder = folder
        self._protocols = protocols
        self._snapshot = snapshot
        self._library = library

    @property
    def folder(self) -> Path:
        """The programs folder."""
        return self._folder

    @property
    def protocols(self) -> Mapping[str, Protocol]:
        """The library the programs are checked against."""
        return self._protocols

    def path_of(self, program_id: str) -> Path:
        """The file of the program `program_id`."""
        return self._folder / f"{program_id}{SUFFIX}"

    def listing(self) -> Listing:
        """Every program file in the folder, checked; a bad one never stops the others."""
        programs: dict[str, Program] = {}
        problems: list[Problem] = []
        if not self._folder.is_dir():
            return Listing(programs)
        for path in sorted(self._folder.glob(f"*{SUFFIX}")):
            program, found = self._load(path)
            problems += [p for p in found if not p.warning]
            if program is None:
                continue
            if program.id != path.stem:
                problems.append(
                    Problem(path, "id", f"the id {program.id!r} is not the file's name")
                )
                continue
            programs[program.id] = program
        for problem in problems:
            log.warning("%s", problem)
        if self._snapshot is not None:
            self._snapshot.save()
        return Listing(programs, tuple(problems))

    def _load(self, path: Path) -> tuple[Program | None, list[Problem]]:
        return load_program(path, self._protocols, self._snapshot, self._library)

    def all(self) -> list[Program]:
        """The programs that load, by title."""
        return sorted(self.listing().programs.values(), key=lambda p: p.title.casefold())

    def get(self, program_id: str) -> Program | None:
        """The program `program_id`, if its file is there and loads."""
        path = self.path_of(program_id)
        if not path.is_file():
            return None
        program, _problems = self._load(path)
        return program

    def problems_of(self, program_id: str) -> list[Problem]:
        """Why the file of `program_id` does not load (empty when it does, or is missing)."""
        path = self.path_of(program_id)
        return self._load(path)[1] if path.is_file() else []

    def of_child(self, name: str) -> list[Program]:
        """The programs made for the child called `name` (ignoring case)."""
        wanted = name.strip().casefold()
        return [p for p in self.all() if p.child.casefold() == wanted]

    def save(self, program: Program) -> Path:
        """Write `program` to its file atomically (replacing it); raises StoreError."""
        path = self.path_of(program.id)
        try:
            ensure_private_dir(self._folder)
        except OSError as exc:
            raise StoreError(path, describe_os_error(exc)) from exc
        atomic_write_text(path, program_text(program.model_copy(update={"shared_child": None})))
        log.info("saved program %s to %s", program.id, path)
        return path

    def free_id(self, title: str) -> str:
        """An id for a new program called `title` that no file uses yet."""
        base = slug(title)
        candidate, n = base, 2
        while self.path_of(candidate).exists():
            suffix = f"-{n}"
            candidate = base[: MAX_ID - len(suffix)] + suffix
            n += 1
        return candidate

    def duplicate(self, program_id: str, title: str) -> Program:
        """Save a copy of `program_id` under a new id and `title`; raises KeyError, StoreError."""
        original = self.get(program_id)
        if original is None:
            raise KeyError(f"no program {program_id!r}")
        copy = original.model_copy(update={"id": self.free_id(title), "title": title})
        self.save(copy)
        return copy

    def remove(self, program_id: str) -> None:
        """Delete the program's file; raises KeyError when there is none, StoreError."""
        path = self.path_of(program_id)
        try:
            path.unlink()
        except FileNotFoundError:
            raise KeyError(f"no program {program_id!r}") from None
        except OSError as exc:
            raise StoreError(path, describe_os_error(exc), "remove") from exc
