"""`handout --program ID --pdf FILE` (or a protocol and an age): the pages a parent takes home."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from massage_desktop.cli.base import EXIT_OK
from massage_desktop.cli.common import add_program_options, plan_or_exit_code
from massage_desktop.cli.program_common import (
    EXIT_STORE,
    fail,
    full_library,
    load_or_fail,
    program_store,
)
from massage_desktop.handout import Handout, handout
from massage_desktop.plan import Plan
from massage_desktop.store.atomic import StoreError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the handout subcommand."""
    p = sub.add_parser(
        "handout", help="print a program (or a protocol for an age) as pages for a parent"
    )
    add_program_options(p)
    p.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    p.set_defaults(run=cmd_handout, session_number=None, condition=[])


def cmd_handout(args: argparse.Namespace) -> int:
    """Write the handout PDF; exit 2 as `plan` does when the age or the program does not fit."""
    made = plan_or_exit_code(args)
    if isinstance(made, int):
        return made
    pages = handout_of(made, args)
    if isinstance(pages, int):
        return pages
    from massage_desktop.ui.records.handout_pdf import write_handout_pdf
    from massage_desktop.ui.records.report_pdf import ensure_gui_app

    _app = ensure_gui_app()  # kept alive while the pages are laid out
    try:
        count = write_handout_pdf(pages, args.pdf)
    except StoreError as exc:
        return fail(str(exc), EXIT_STORE)
    print(f"Wrote {args.pdf} ({count} page{'s' if count != 1 else ''}).")
    return EXIT_OK


def handout_of(made: Plan, args: argparse.Namespace) -> Handout | int:
    """The handout of a plan the options gave: the program's, or the protocol's."""
    protocols = full_library()
    protocol = protocols.get(made.protocol_id)
    if protocol is None:
        return fail(f"no protocol {made.protocol_id!r}")
    if not made.program_id:
        return handout(protocol, made, date.today())
    program = load_or_fail(program_store(protocols), made.program_id)
    if isinstance(program, int):
        return program
    child = args.child or program.child
    return handout(protocol, made, date.today(), program, child)
