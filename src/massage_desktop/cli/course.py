"""The `course` subcommand: where each of a child's massages stands in its course, today."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK, print_json
from massage_desktop.protocol import load_library
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.children import age_weeks as child_age_weeks
from massage_desktop.store.course import Course, CoursePosition
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs

PROTOCOLS_OF_CHILD_SQL = (
    "SELECT protocol_id FROM sessions WHERE child_id = ?"
    " GROUP BY protocol_id ORDER BY max(started_at) DESC"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("course", help="where a child's courses stand today")
    p.add_argument("child", metavar="CHILD", help="the child's name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_course)


def cmd_course(args: argparse.Namespace) -> int:
    """Print one line per massage the child has had, newest first; exit 1 for an unknown child."""
    try:
        history = History.open(UserDirs.from_env().history_file, recover=False)
    except StoreError as exc:
        print(f"massage-desktop: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        child = Children(history.db).find(args.child)
        if child is None:
            print(f"massage-desktop: no child called {args.child!r}", file=sys.stderr)
            return EXIT_INVALID
        positions = _positions(history, child.id, child_age_weeks(child, date.today()))
    finally:
        history.close()
    if args.json:
        print_json([{**asdict(p), "words": p.words} for p in positions])
        return EXIT_OK
    if not positions:
        print(f"No massage recorded yet for {child.name}.")
    for p in positions:
        print(f"{p.title}: {p.words or 'no course running'}")
    return EXIT_OK


def _positions(history: History, child_id: int, age_weeks: float) -> list[CoursePosition]:
    protocols = load_library().protocols
    course = Course(history)
    ids = [row[0] for row in history.db.rows(PROTOCOLS_OF_CHILD_SQL, (child_id,))]
    return [course.position(child_id, protocols[i], age_weeks) for i in ids if i in protocols]
