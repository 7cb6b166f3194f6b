"""The `remind` subcommand: add, list and remove the reminders at massage time.

`--program ID` is in the grammar beside `--protocol ID`, since a therapist's program is what a
reminder will name once programs exist; until then it is refused with a plain reason.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from massage_desktop.cli.base import EXIT_OK, print_json
from massage_desktop.cli.numbers import whole
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.reminders.model import (
    Reminder,
    ReminderError,
    clock,
    day_names,
    days_words,
    parse_days,
    parse_times,
    times_words,
)
from massage_desktop.reminders.schedule import next_due
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Child, Children, age_weeks
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.reminders import ReminderStore

EXIT_BAD_VALUE = 2  # an unknown child, massage or reminder, a bad time or day
EXIT_STORE = 4  # a file could not be read or written


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("remind", help="reminders at massage time (shown while --tray runs)")
    actions = p.add_subparsers(dest="remind_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="remind of a massage for a child at set times")
    add.add_argument("--child", required=True, metavar="NAME", help="a saved child")
    what = add.add_mutually_exclusive_group(required=True)
    what.add_argument("--protocol", metavar="ID", help="the massage (see `protocols`)")
    what.add_argument("--program", metavar="ID", help="a therapist's program (not yet)")
    add.add_argument(
        "--at", action="append", required=True, metavar="HH:MM", help="a time (repeat for more)"
    )
    add.add_argument(
        "--days",
        default="daily",
        metavar="DAYS",
        help="mon,tue,... or weekdays, weekends, daily (the default)",
    )
    add.set_defaults(run=_guarded(cmd_add))
    listing = actions.add_parser("list", help="list the reminders")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_guarded(cmd_list))
    remove = actions.add_parser("remove", help="remove a reminder by its number")
    remove.add_argument(
        "number", type=whole(at_least=1), metavar="NUMBER", help="the number `remind list` shows"
    )
    remove.set_defaults(run=_guarded(cmd_remove))


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except StoreError as exc:
            print(f"massage-desktop: {exc}", file=sys.stderr)
            return EXIT_STORE

    return run


def _refuse(reason: str) -> int:
    print(f"massage-desktop: remind: {reason}", file=sys.stderr)
    return EXIT_BAD_VALUE


def _store() -> ReminderStore:
    return ReminderStore(UserDirs.from_env().reminders_file)


def _loaded(store: ReminderStore) -> tuple[Reminder, ...]:
    loaded = store.load()
    if loaded.message:
        print(f"massage-desktop: {loaded.message}", file=sys.stderr)
    return loaded.reminders


def _children() -> list[Child]:
    # A window may be running a session right now: only it marks unfinished ones interrupted.
    history = History.open(UserDirs.from_env().history_file, recover=False)
    try:
        return Children(history.db).all(include_removed=True)
    finally:
        history.close()


def _protocols() -> dict[str, Protocol]:
    return load_library(UserDirs.from_env().user_protocols).protocols


def cmd_add(args: argparse.Namespace) -> int:
    """Save a reminder after checking every value."""
    if args.program is not None:
        return _refuse("programs are not available yet; name a massage with --protocol ID")
    try:
        times, days = parse_times(args.at), parse_days(args.days)
    except ReminderError as exc:
        return _refuse(str(exc))
    wanted = args.child.strip().casefold()
    child = next((c for c in _children() if not c.archived and c.name.casefold() == wanted), None)
    if child is None:
        return _refuse(f"no child called {args.child!r}; `massage-desktop children` lists them")
    protocols = _protocols()
    protocol = protocols.get(args.protocol)
    if protocol is None:
        return _refuse(f"no massage {args.protocol!r}; known: {', '.join(sorted(protocols))}")
    store = _store()
    _loaded(store)
    reminder = store.add(child.id, protocol.id, times, days)
    print(
        f"Reminder {reminder.id}: {protocol.title} for {child.name} at {times_words(times)}, "
        f"{days_words(days)}."
    )
    for note in _notes(child, protocol, len(times)):
        print(f"Note: {note}", file=sys.stderr)
    return EXIT_OK


def _notes(child: Child, protocol: Protocol, times: int) -> list[str]:
    notes = []
    per_day = protocol.frequency.per_day
    if times > per_day:
        often = "once" if per_day == 1 else f"{per_day} times"
        notes.append(
            f"{protocol.title} is meant at most {often} a day; once that is done, "
            "the day's other reminders stay quiet."
        )
    weeks = age_weeks(child, date.today())
    if not protocol.age.min_weeks <= weeks <= protocol.age.max_weeks:
        notes.append(
            f"{protocol.title} is for ages {protocol.age.min_weeks} to {protocol.age.max_weeks} "
            f"weeks and {child.name} is {weeks:g} weeks old; the set-up will say so."
        )
    return notes


def cmd_list(args: argparse.Namespace) -> int:
    """Print the reminders, with when each comes next."""
    reminders = _loaded(_store())
    names = {c.id: c.name for c in _children()}
    protocols = _protocols()
    now = datetime.now()
    if args.json:
        print_json([_json(r, names, protocols, now) for r in reminders])
        return EXIT_OK
    if not reminders:
        print("No reminders. Add one with `massage-desktop remind add`.")
    for r in reminders:
        row = _json(r, names, protocols, now)
        upcoming = next_due(r, now)
        print(
            f"{r.id:>3}  {row['child']:<12} {row['title']} at {times_words(r.times)}, "
            f"{days_words(r.days)}  (next: {upcoming:%a} {upcoming.day} {upcoming:%b %H:%M})"
        )
    return EXIT_OK


def _json(
    r: Reminder, names: dict[int, str], protocols: dict[str, Protocol], now: datetime
) -> dict[str, Any]:
    protocol = protocols.get(r.protocol_id)
    return {
        "id": r.id,
        "child": names.get(r.child_id, f"(child {r.child_id})"),
        "child_id": r.child_id,
        "protocol": r.protocol_id,
        "title": protocol.title if protocol else f"({r.protocol_id}: not found)",
        "at": [clock(t) for t in r.times],
        "days": day_names(r.days),
        "next": next_due(r, now).isoformat(timespec="minutes"),
    }


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove one reminder by its number."""
    store = _store()
    _loaded(store)
    try:
        gone = store.remove(args.number)
    except KeyError:
        return _refuse(f"no reminder {args.number}; `massage-desktop remind list` shows them")
    print(f"Removed reminder {gone.id}.")
    return EXIT_OK
