"""Subcommands for checking the content: a protocol's review sheet, and the safety checklist."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from massage_desktop import __version__
from massage_desktop.checklist import Checklist, checklist
from massage_desktop.cli.base import (
    EXIT_AGE,
    EXIT_INVALID,
    EXIT_OK,
    add_age_options,
    age_weeks,
    print_json,
)
from massage_desktop.cli.common import find_protocol
from massage_desktop.doctor_ok import DoctorOk
from massage_desktop.plan import PlanRefused, plan
from massage_desktop.review import review, sheet_json, sheet_text
from massage_desktop.review_html import sheet_html
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs

EXIT_STORE = 4


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("review", help="a clinician's review sheet of one protocol")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="write the sheet as a PDF")
    p.set_defaults(run=cmd_review)

    p = sub.add_parser("checklist", help="the safety check for a protocol at an age")
    p.add_argument("id")
    add_age_options(p)
    p.add_argument("--child", metavar="NAME", help="a saved child's conditions and answers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_checklist)


def cmd_review(args: argparse.Namespace) -> int:
    """Print the review sheet, as text or JSON, or write it as a PDF."""
    protocol = find_protocol(args.id)
    if protocol is None:
        return EXIT_INVALID
    sheet = review(protocol)
    if args.pdf is not None:
        return _write_pdf(sheet_html(sheet, _printed()), sheet.title, args.pdf)
    if args.json:
        print_json(sheet_json(sheet))
    else:
        sys.stdout.write(sheet_text(sheet))
    return EXIT_OK


def _printed() -> str:
    now = datetime.now().astimezone()
    return f"Printed {now.day} {now:%B %Y} at {now:%H:%M} by massage-desktop {__version__}."


def _write_pdf(html: str, title: str, path: Path) -> int:
    from massage_desktop.ui.records.report_pdf import (
        ensure_gui_app,
        html_document,
        render_html_pdf,
        write_pdf,
    )

    _app = ensure_gui_app()  # kept alive while the PDF is laid out
    doc = html_document(html, f"Review sheet: {title}", points=8.5)
    try:
        pages = write_pdf(*render_html_pdf(doc, f"Review sheet: {title}", landscape=True), path)
    except StoreError as exc:
        print(f"massage-desktop: {exc}", file=sys.stderr)
        return EXIT_STORE
    print(f"Wrote {path} ({pages} page{'s' if pages != 1 else ''}).")
    return EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    """Print the safety check exactly as the window shows it for this age."""
    protocol = find_protocol(args.id)
    if protocol is None:
        return EXIT_INVALID
    weeks = age_weeks(args)
    try:
        plan(protocol, weeks)
    except PlanRefused as exc:
        print(f"massage-desktop: {exc.reason}", file=sys.stderr)
        return EXIT_AGE
    standing: tuple[str, ...] = ()
    doctor: DoctorOk | None = None
    if args.child:
        found = _child(args.child)
        if isinstance(found, int):
            return found
        standing, doctor = found
    check = checklist(protocol, weeks, standing, doctor)
    if args.json:
        print_json(checklist_json(check))
    else:
        sys.stdout.write(checklist_text(check))
    return EXIT_OK


def _child(name: str) -> tuple[tuple[str, ...], DoctorOk] | int:
    try:
        history = History.open(UserDirs.from_env().history_file, recover=False)
    except StoreError as exc:
        print(f"massage-desktop: {exc}", file=sys.stderr)
        return EXIT_STORE
    try:
        child = Children(history.db).find(name)
    finally:
        history.close()
    if child is None:
        print(f"massage-desktop: no child called {name!r}", file=sys.stderr)
        return EXIT_INVALID
    return child.conditions, child.doctor


def checklist_json(check: Checklist) -> dict[str, Any]:
    """The documented JSON shape of a safety check."""
    return {
        "protocol": check.protocol_id,
        "title": check.title,
        "age_weeks": check.age_weeks,
        "sections": [
            {
                "id": s.id,
                "heading": s.heading,
                "hint": s.hint,
                "items": [{"id": i.id, "text": i.text, "ticked": i.ticked} for i in s.items],
            }
            for s in check.sections
        ],
    }


def checklist_text(check: Checklist) -> str:
    """The safety check as text: each heading, its hint, and a box per line."""
    unit = "week" if check.age_weeks == 1 else "weeks"
    lines = [check.title, f"For a child of {check.age_weeks:g} {unit}."]
    for s in check.sections:
        lines += ["", s.heading]
        if s.hint:
            lines.append(s.hint)
        lines += [f"  [{'x' if i.ticked else ' '}] {i.text}" for i in s.items]
    return "\n".join(lines) + "\n"
