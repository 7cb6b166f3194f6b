"""`program export ID --out FILE.massage` and `program import FILE`: a program handed over.

Import says what the file holds and what saving it would change, then saves only when told
(`--yes`, or yes at the prompt). A refused file exits 1 with every reason, and nothing is saved.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK, print_json
from massage_desktop.cli.program_common import (
    EXIT_STORE,
    fail,
    full_library,
    load_or_fail,
    program_store,
    saved_child,
)
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.programs import ProgramStore
from massage_desktop.store.share import (
    ImportRefused,
    Incoming,
    export,
    read_incoming,
    save_incoming,
)


def register_share(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `program export` and `program import`."""
    a = actions.add_parser("export", help="write a program as a file to hand to a parent")
    a.add_argument("program_id", metavar="ID")
    a.add_argument("--out", type=Path, required=True, metavar="FILE.massage")
    a.add_argument(
        "--with-child",
        action="store_true",
        help="add the child's name, birth date and lasting conditions (never the history)",
    )
    a.set_defaults(run=cmd_export)
    a = actions.add_parser("import", help="open a program file: see what it holds, then save")
    a.add_argument("file", type=Path, metavar="FILE")
    a.add_argument("--yes", action="store_true", help="save without asking")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the hand-over file of a program."""
    store = program_store()
    program = load_or_fail(store, args.program_id)
    if isinstance(program, int):
        return program
    child = None
    if args.with_child:
        child = saved_child(program.child) if program.child else None
        if child is None:
            return fail(f"the program {program.id!r} names no saved child to add")
    try:
        export(program, args.out, child)
    except StoreError as exc:
        return fail(str(exc), EXIT_STORE)
    with_child = f", with {child.name}'s details" if child else ""
    print(f"Wrote {args.out} (the program {program.id}{with_child}; no history).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Show what the file holds and would change; save it when told."""
    store = program_store(full_library())
    today = date.today()
    try:
        incoming = read_incoming(args.file, store, None, today)
    except ImportRefused as exc:
        return _refused(exc, args.json)
    history = None
    if incoming.child is not None:
        from massage_desktop.cli.records import open_records

        try:
            history = open_records()
        except StoreError as exc:
            return fail(str(exc), EXIT_STORE)
    try:
        children = Children(history.db) if history is not None else None
        return _import(args, store, children, today)
    finally:
        if history is not None:
            history.close()


def _import(
    args: argparse.Namespace, store: ProgramStore, children: Children | None, today: date
) -> int:
    try:
        incoming = read_incoming(args.file, store, children, today)
    except ImportRefused as exc:
        return _refused(exc, args.json)
    if not args.json:
        _describe(incoming)
    if not (args.yes or _confirmed()):
        if args.json:
            print_json(_as_json(incoming, saved=False))
        else:
            print("Nothing saved. Run again with --yes to save it.")
        return EXIT_INVALID
    try:
        program, _child = save_incoming(incoming, store, children)
    except StoreError as exc:
        return fail(f"{exc} Nothing was saved.", EXIT_STORE)
    if args.json:
        print_json(_as_json(incoming, saved=True))
    else:
        print(
            f"Saved the program {program.id}. Run it with `massage-desktop --program {program.id}`."
        )
    return EXIT_OK


def _refused(exc: ImportRefused, as_json: bool) -> int:
    if as_json:
        print_json(
            {
                "saved": False,
                "refused": [
                    {"file": str(p.file), "line": p.line, "field": p.field, "message": p.message}
                    for p in exc.problems
                ],
            }
        )
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print("massage-desktop: the file is refused; nothing was saved.", file=sys.stderr)
    return EXIT_INVALID


def _describe(incoming: Incoming) -> None:
    print(f"The file {incoming.path} holds:")
    for label, words in incoming.contents:
        print(f"  {label}: {words}")
    print("Saving it would:")
    for effect in incoming.effects:
        print(f"  - {effect}")


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input("Save it? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _as_json(incoming: Incoming, saved: bool) -> dict[str, Any]:
    return {
        "file": str(incoming.path),
        "program": incoming.program.id,
        "contents": [{"label": k, "value": v} for k, v in incoming.contents],
        "effects": list(incoming.effects),
        "changes": [{"kind": c.kind, "step": c.step, "words": c.words} for c in incoming.changes],
        "saved": saved,
    }
