"""Handing a program over as one FILE.massage: the program and, if chosen, the child's name, birth
date and lasting conditions, never their history; and reading such a file back.

Reading a file only looks: it says what the file holds and what saving it would change. A file
that fails to load, breaks a bound, names a step its protocol does not have, or comes from a
newer format or protocol version is refused with the reasons, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from massage_desktop.protocol.loader import Problem
from massage_desktop.protocol.program import Program, SharedChild
from massage_desktop.protocol.program_changes import Change, accept, changes
from massage_desktop.protocol.program_loader import load_program, program_text
from massage_desktop.protocol.program_words import child_words, summary
from massage_desktop.store.atomic import StoreError, atomic_write_text
from massage_desktop.store.children import Child, Children
from massage_desktop.store.programs import ProgramStore

SHARE_SUFFIX = ".massage"


class ImportRefused(Exception):
    """The file is refused; `problems` say why (file, line, field, what), nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Incoming:
    """A program file read and checked, before anything is saved.

    `program` is what would be saved (its protocol's changes accepted); `contents` says what the
    file holds and `effects` what saving it would change.
    """

    path: Path
    program: Program
    child: SharedChild | None
    contents: tuple[tuple[str, str], ...]
    effects: tuple[str, ...]
    changes: tuple[Change, ...]
    existing: Child | None  # the saved child of the same name, if any


def export_text(program: Program, child: Child | None = None) -> str:
    """The file to hand over: the program, and the child's details when `child` is given."""
    shared = None
    if child is not None:
        shared = SharedChild(
            name=child.name,
            born=child.born,
            weeks_early=child.weeks_early,
            conditions=child.conditions,
        )
    named = program.model_copy(
        update={"shared_child": shared, "child": child.name if child else program.child}
    )
    return program_text(named)


def export(program: Program, path: Path, child: Child | None = None) -> None:
    """Write the hand-over file atomically; raises StoreError."""
    atomic_write_text(path, export_text(program, child), mode=0o644)


def read_incoming(
    path: Path, store: ProgramStore, children: Children | None, today: date
) -> Incoming:
    """What importing `path` holds and would change; raises ImportRefused (nothing saved)."""
    program, problems = load_program(path, store.protocols)
    errors = [p for p in problems if not p.warning]
    if program is None or errors:
        raise ImportRefused(errors or [Problem(path, "", "the file could not be read")])
    child = program.shared_child
    if child is not None and child.born > today:
        raise ImportRefused([Problem(path, "shared_child.born", "the birth date is in the future")])
    protocol = store.protocols[program.protocol]
    pending = changes(program, protocol)
    saved = (accept(program, protocol) if pending else program).model_copy(
        update={"shared_child": None}
    )
    existing = children.find(child.name) if children is not None and child is not None else None
    effects = [_program_effect(store, saved)]
    effects += _child_effects(child, existing, children is not None)
    effects += [f"Accept the new version: {c.words}" for c in pending]
    return Incoming(
        path=path,
        program=saved,
        child=child,
        contents=(*summary(program, protocol), ("History", "none: a program file never holds it")),
        effects=tuple(effects),
        changes=pending,
        existing=existing,
    )


def _program_effect(store: ProgramStore, program: Program) -> str:
    old = store.get(program.id)
    if old is None:
        return f"Add the program '{program.title}' ({program.id})."
    if old == program:
        return f"The program {program.id} is already saved, exactly as in the file."
    return f"Replace the saved program {program.id} ('{old.title}') with the file's."


def _child_effects(child: SharedChild | None, existing: Child | None, have_db: bool) -> list[str]:
    if child is None:
        return []
    if not have_db:
        return [f"The child's details are not saved: the history cannot be opened ({child.name})."]
    if existing is None:
        return [f"Add the child {child_words(child)}."]
    differences = _differences(child, existing)
    if not differences:
        return [f"{existing.name} is already saved with the same details."]
    return [f"Update {existing.name}: {'; '.join(differences)}."]


def _differences(child: SharedChild, saved: Child) -> list[str]:
    out = []
    if child.born != saved.born:
        out.append(f"born {saved.born.isoformat()} becomes {child.born.isoformat()}")
    if child.weeks_early != saved.weeks_early:
        out.append(f"weeks early {saved.weeks_early} becomes {child.weeks_early}")
    if set(child.conditions) != set(saved.conditions):
        was, now = ", ".join(saved.conditions) or "none", ", ".join(child.conditions) or "none"
        out.append(f"lasting conditions {was} become {now}")
    return out


def save_incoming(
    incoming: Incoming, store: ProgramStore, children: Children | None
) -> tuple[Program, Child | None]:
    """Save what `incoming` said it would; raises StoreError (the child change is undone)."""
    child = incoming.child
    before = incoming.existing
    saved_child: Child | None = before
    if child is not None and children is not None:
        if before is None:
            saved_child = children.add(child.name, child.born, child.weeks_early, child.conditions)
        elif _differences(child, before):
            saved_child = children.edit(
                replace(
                    before,
                    born=child.born,
                    weeks_early=child.weeks_early,
                    conditions=tuple(child.conditions),
                )
            )
    program = incoming.program
    if saved_child is not None:
        program = program.model_copy(update={"child": saved_child.name})
    try:
        store.save(program)
    except StoreError:
        _undo(children, before, saved_child)
        raise
    return program, saved_child


def _undo(children: Children | None, before: Child | None, after: Child | None) -> None:
    if children is None or after is None or before == after:
        return
    if before is None:
        children.erase(after.id)
    else:
        children.edit(before)
