"""Subcommands over the user's records: history, a session's PDF report, children, child add."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK, print_json
from massage_desktop.cli.numbers import whole
from massage_desktop.store import history_stream
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import STANDING_CONDITIONS, Child, ChildError, Children
from massage_desktop.store.children import age_weeks as child_age_weeks
from massage_desktop.store.export import clock, csv_chunks, outcome_words, session_report
from massage_desktop.store.history import History, StoredSession
from massage_desktop.store.history_query import OLDEST_FIRST, HistoryQuery, SessionFilter
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.salvage import is_damage, open_history
from massage_desktop.store.visit import Visit

EXIT_USAGE = 2
EXIT_STORE = 4  # the history file could not be read or written


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("history", help="list the recorded sessions")
    p.add_argument("--child", metavar="NAME", help="only this child's sessions")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="a JSON array, one session a line")
    form.add_argument("--jsonl", action="store_true", help="JSON lines: one session object a line")
    form.add_argument("--csv", action="store_true", help="CSV for a spreadsheet")
    p.set_defaults(run=_guarded(cmd_history))

    p = sub.add_parser("report", help="a session's printable report, or a child's course")
    p.add_argument("session_id", nargs="?", type=whole(at_least=1), metavar="SESSION_ID")
    p.add_argument("--child", metavar="NAME", help="a course report of this child's sessions")
    p.add_argument("--from", dest="first", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    p.set_defaults(run=_guarded(cmd_report))

    p = sub.add_parser("children", help="list the children")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_guarded(cmd_children))

    p = sub.add_parser("child", help="set up a child")
    child_sub = p.add_subparsers(dest="child_command", metavar="ACTION", required=True)
    add = child_sub.add_parser("add", help="add a child")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--born", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--weeks-early", type=whole(), default=0, metavar="N")
    add.add_argument(
        "--condition",
        action="append",
        default=[],
        choices=sorted(STANDING_CONDITIONS),
        metavar="C",
        help="a lasting condition (repeat for more): " + ", ".join(sorted(STANDING_CONDITIONS)),
    )
    add.set_defaults(run=_guarded(cmd_child_add))


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except StoreError as exc:
            print(f"massage-desktop: {exc}", file=sys.stderr)
            if is_damage(exc):
                print(
                    "massage-desktop: close the massage-desktop window and run this again: "
                    "the damaged file is then set aside and what still reads is saved.",
                    file=sys.stderr,
                )
            return EXIT_STORE

    return run


def _open() -> History:
    """The history; a damaged file is salvaged first, unless the window has the folder open."""
    dirs = UserDirs.from_env()
    # A window may be running a session right now: only it marks unfinished ones interrupted,
    # and the file is never moved from under it.
    if window_open(dirs.data):
        return History.open(dirs.history_file, recover=False)
    opened = open_history(dirs.history_file, recover=False)
    if opened.salvage is not None:
        print(f"massage-desktop: {opened.salvage.message}", file=sys.stderr)
    return opened.history


def open_records() -> History:
    """The history, opened as the records commands open it (salvaged unless a window has it)."""
    return _open()


def window_open(data_dir: Path) -> bool:
    """Whether a massage-desktop window holds `data_dir` (its lock file is locked)."""
    lock = data_dir / "instance.lock"  # ui/single_instance.LOCK_NAME, a QLockFile
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: leave the file alone
    try:
        import fcntl  # POSIX; Qt's lock file takes a flock() there as well

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:
        return True
    except OSError:
        return True  # locked: the window is open
    finally:
        os.close(fd)  # closing drops the lock we may have taken
    return False


def cmd_history(args: argparse.Namespace) -> int:
    """Print the sessions, of one child if asked, oldest first, each as soon as it is read."""
    history = _open()
    try:
        wanted = SessionFilter()
        if args.child:
            child = Children(history.db).find(args.child)
            if child is None:
                print(f"massage-desktop: no child called {args.child!r}", file=sys.stderr)
                return EXIT_INVALID
            wanted = SessionFilter(child_id=child.id)
        _write_history(history, wanted, args, sys.stdout)
    except BrokenPipeError:  # the reader (`head`, a pager) has had enough
        _quiet_stdout()
    finally:
        history.close()
    return EXIT_OK


def _write_history(
    history: History, wanted: SessionFilter, args: argparse.Namespace, out: TextIO
) -> None:
    if args.csv:
        summaries = HistoryQuery(history.db).summaries(wanted, OLDEST_FIRST)
        for chunk in csv_chunks(summaries):
            out.write(chunk)
    elif args.json or args.jsonl:
        elements = history_stream.session_json(history.db, wanted)
        out.writelines(json_lines(elements) if args.jsonl else json_array(elements))
    else:
        for s in history_stream.sessions(history.db, wanted):
            out.write(_session_line(s) + "\n")


def json_array(elements: Iterable[str]) -> Iterator[str]:
    """A JSON array written an element at a time, one element a line."""
    yield "["
    separator = "\n"
    for element in elements:
        yield separator + element
        separator = ",\n"
    yield "\n]\n" if separator == ",\n" else "]\n"


def json_lines(elements: Iterable[str]) -> Iterator[str]:
    """JSON lines: each element on its own line."""
    for element in elements:
        yield element + "\n"


def _quiet_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _session_line(s: StoredSession) -> str:
    length = f"{clock(s.actual_s) or '?'}/{clock(s.planned_s)}"
    who = s.child_name or "-"
    return (
        f"{s.id:>4}  {s.started_at:%Y-%m-%d %H:%M}  {who:<12} {s.protocol_title} "
        f"v{s.protocol_version}  {length}  {outcome_words(s)}"
    )


def cmd_report(args: argparse.Namespace) -> int:
    """Write the PDF report of one session, or of a child's course."""
    if (args.session_id is None) == (args.child is None):
        print("massage-desktop: give a SESSION_ID or --child NAME", file=sys.stderr)
        return EXIT_USAGE
    if args.child is not None:
        from massage_desktop.cli.course_report import cmd_course_report

        return cmd_course_report(args)
    if args.first or args.last:
        print("massage-desktop: --from and --to go with --child", file=sys.stderr)
        return EXIT_USAGE
    history = _open()
    try:
        session = history.session(args.session_id)
        child = Children(history.db).get(session.child_id) if session and session.child_id else None
    finally:
        history.close()
    if session is None:
        print(f"massage-desktop: no session {args.session_id}", file=sys.stderr)
        return EXIT_INVALID
    from massage_desktop.ui.records.report_pdf import ensure_gui_app, write_report_pdf

    _app = ensure_gui_app()  # kept alive while the PDF is laid out
    report = session_report(session, child, datetime.now().astimezone(), _visit(session))
    pages = write_report_pdf(report, args.pdf)
    print(f"Wrote {args.pdf} ({pages} page{'s' if pages != 1 else ''}).")
    return EXIT_OK


def _visit(session: StoredSession) -> Visit:
    """The therapist (from the settings) and the program's title, for a visit report."""
    # Only a report needs the settings and program files (pydantic, the protocol library):
    # `history` shares this module and stays light without them.
    from massage_desktop.store.programs import program_title
    from massage_desktop.store.settings import SettingsStore

    dirs = UserDirs.from_env()
    settings = SettingsStore(dirs.settings_file).load().settings
    title = program_title(dirs.programs, session.program_id) if session.program_id else ""
    return Visit(settings.therapist_name, settings.therapist_contact, title)


def cmd_children(args: argparse.Namespace) -> int:
    """List the children with their age today."""
    history = _open()
    try:
        kids = Children(history.db).all()
    finally:
        history.close()
    today = date.today()
    if args.json:
        print_json([_child_json(c, today) for c in kids])
        return EXIT_OK
    for c in kids:
        early = f" ({c.weeks_early} weeks early)" if c.weeks_early else ""
        conditions = f"  conditions: {', '.join(c.conditions)}" if c.conditions else ""
        print(
            f"{c.id:>3}  {c.name:<16} born {c.born.isoformat()}{early}  "
            f"age {child_age_weeks(c, today):g} weeks{conditions}"
        )
    return EXIT_OK


def _child_json(c: Child, today: date) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "born": c.born.isoformat(),
        "weeks_early": c.weeks_early,
        "age_weeks": child_age_weeks(c, today),
        "conditions": list(c.conditions),
    }


def cmd_child_add(args: argparse.Namespace) -> int:
    """Add a child."""
    history = _open()
    try:
        child = Children(history.db).add(args.name, args.born, args.weeks_early, args.condition)
    except ChildError as exc:
        print(f"massage-desktop: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        history.close()
    print(f"Added {child.name} (child {child.id}).")
    return EXIT_OK
