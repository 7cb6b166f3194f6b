"""`program create|list|show|remove|accept` and `therapist`: a child's own programs by command."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from pydantic import ValidationError

from massage_desktop.cli.base import EXIT_NOT_TODAY, EXIT_OK, print_json
from massage_desktop.cli.numbers import number, whole
from massage_desktop.cli.program_common import (
    EXIT_STORE,
    EXIT_USAGE,
    fail,
    full_library,
    load_or_fail,
    program_store,
    saved_child,
    settings,
    settings_store,
)
from massage_desktop.cli.program_share import register_share
from massage_desktop.plan import NotToday, PlanRefused
from massage_desktop.program_plan import ProgramError, make_program, plan_program
from massage_desktop.protocol import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_changes import accept, changes
from massage_desktop.protocol.program_checks import count_bounds
from massage_desktop.protocol.program_words import summary
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Child
from massage_desktop.store.children import age_weeks as child_age_weeks
from massage_desktop.store.settings import Settings

Pairs = list[tuple[str, str]]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the program and therapist subcommands."""
    p = sub.add_parser("program", help="a child's own programs, made from a protocol")
    actions = p.add_subparsers(dest="program_command", metavar="ACTION", required=True)
    _register_create(actions)
    a = actions.add_parser("list", help="list the programs")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=cmd_list)
    a = actions.add_parser("show", help="show one program")
    a.add_argument("program_id", metavar="ID")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=cmd_show)
    a = actions.add_parser("remove", help="delete a program")
    a.add_argument("program_id", metavar="ID")
    a.set_defaults(run=cmd_remove)
    a = actions.add_parser("accept", help="take a newer version of the program's protocol")
    a.add_argument("program_id", metavar="ID")
    a.set_defaults(run=cmd_accept)
    register_share(actions)

    t = sub.add_parser("therapist", help="the name and contact printed on your programs")
    t.add_argument("--name", metavar="TEXT")
    t.add_argument("--contact", metavar="TEXT", help="a phone number or an e-mail address")
    t.set_defaults(run=cmd_therapist)


def _register_create(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    a = actions.add_parser("create", help="make a program from a protocol")
    a.add_argument("name", metavar="NAME", help="the program's title")
    a.add_argument("--from", dest="protocol", required=True, metavar="PROTOCOL")
    a.add_argument("--id", dest="program_id", metavar="ID", help="(default: made from NAME)")
    a.add_argument("--child", metavar="CHILD", help="a saved child the program is for")
    a.add_argument("--skip", action="append", default=[], metavar="STEP")
    for flag, what in (("count", "STEP=N"), ("tempo", "STEP=F"), ("note", "STEP=TEXT")):
        a.add_argument(f"--{flag}", action="append", default=[], metavar=what)
    a.add_argument(
        "--minutes", type=number(above=0, at_most=90), metavar="M", help="session length at most"
    )
    a.add_argument(
        "--sessions", type=whole(at_least=1, at_most=100), metavar="N", help="in the course"
    )
    a.add_argument("--days-per-week", type=whole(at_least=1, at_most=7), metavar="D")
    a.add_argument("--per-day", type=whole(at_least=1, at_most=10), metavar="K")
    a.add_argument("--about", default="", metavar="TEXT", help="a note on the whole program")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=cmd_create)


def _pairs(values: list[str], flag: str) -> Pairs | str:
    out: Pairs = []
    for value in values:
        step, sep, what = value.partition("=")
        if not sep or not step.strip():
            return f"--{flag} {value!r}: write STEP=VALUE"
        out.append((step.strip(), what.strip()))
    return out


def _numbers(pairs: Pairs, flag: str, kind: type[int] | type[float]) -> dict[str, Any] | str:
    out: dict[str, Any] = {}
    for step, text in pairs:
        try:
            out[step] = kind(text)
        except ValueError:
            return (
                f"--{flag} {step}={text}: {text!r} is not a {'whole ' if kind is int else ''}number"
            )
    return out


def _choices(args: argparse.Namespace) -> dict[str, Any] | str:
    parsed: dict[str, Pairs] = {}
    for flag in ("count", "tempo", "note"):
        pairs = _pairs(getattr(args, flag), flag)
        if isinstance(pairs, str):
            return pairs
        parsed[flag] = pairs
    counts = _numbers(parsed["count"], "count", int)
    tempos = _numbers(parsed["tempo"], "tempo", float)
    for made in (counts, tempos):
        if isinstance(made, str):
            return made
    course = {
        k: v
        for k, v in (
            ("sessions", args.sessions),
            ("days_per_week", args.days_per_week),
            ("per_day", args.per_day),
        )
        if v is not None
    }
    return {
        "skip": args.skip,
        "counts": counts,
        "tempos": tempos,
        "notes": dict(parsed["note"]),
        "course": course,
        "minutes": args.minutes,
        "note": args.about,
    }


def cmd_create(args: argparse.Namespace) -> int:
    """Make and save a program; exit 2 naming every value out of bounds or step unknown."""
    choices = _choices(args)
    if isinstance(choices, str):
        return fail(choices)
    protocols = full_library()
    protocol = protocols.get(args.protocol)
    if protocol is None:
        return fail(f"no protocol {args.protocol!r}; known: {', '.join(sorted(protocols))}")
    child = saved_child(args.child) if args.child else None
    if args.child and child is None:
        return fail(f"no child called {args.child!r}; add one with `massage-desktop child add`")
    store = program_store(protocols)
    who = settings()
    program_id = args.program_id or store.free_id(args.name)
    try:
        program = make_program(
            protocol,
            program_id,
            args.name,
            date.today(),
            child=child.name if child else "",
            prescribed_by={"name": who.therapist_name, "contact": who.therapist_contact},
            **choices,
        )
    except ProgramError as exc:
        for problem in exc.problems:
            fail(problem)
        return EXIT_USAGE
    if child is not None:
        refused = _refused_for(protocol, program, child_age_weeks(child, date.today()), child)
        if refused is not None:
            return refused
    try:
        path = store.save(program)
    except StoreError as exc:
        return fail(str(exc), EXIT_STORE)
    if args.json:
        print_json(program_json(program, protocols))
    else:
        print(f"Saved the program {program.id} to {path}.")
        _print_summary(program, protocols)
    return EXIT_OK


def _refused_for(protocol: Protocol, program: Program, weeks: float, child: Child) -> int | None:
    """A program for a child the age or lasting conditions rule out is not made."""
    try:
        plan_program(protocol, program, weeks, None, child.conditions)
    except PlanRefused as exc:
        return fail(exc.reason)
    except NotToday as exc:
        fail(f"not for {child.name}: {exc.screening.headline}", EXIT_NOT_TODAY)
        for reason in exc.screening.reasons:
            fail(f"  {reason}", EXIT_NOT_TODAY)
        return EXIT_NOT_TODAY
    return None


def program_json(program: Program, protocols: dict[str, Any]) -> dict[str, Any]:
    """A program as JSON: its fields, each step's bounds, and the changes waiting."""
    protocol = protocols.get(program.protocol)
    data = program.model_dump(mode="json", exclude={"shared_child"})
    if protocol is not None:
        steps = {s.id: s for s in protocol.steps}
        for entry in data["steps"]:
            step = steps.get(entry["id"])
            bounds = count_bounds(step) if step is not None else None
            entry["title"] = step.title if step is not None else None
            entry["written_count"] = step.repetitions if step is not None else None
            entry["count_bounds"] = list(bounds) if bounds else None
        data["changes"] = [
            {"kind": c.kind, "step": c.step, "words": c.words} for c in changes(program, protocol)
        ]
    return data


def _print_summary(program: Program, protocols: dict[str, Any]) -> None:
    protocol = protocols.get(program.protocol)
    for label, words in summary(program, protocol):
        print(f"  {label}: {words}")
    if protocol is not None:
        for change in changes(program, protocol):
            print(f"  Waiting to be accepted: {change.words}")


def cmd_list(args: argparse.Namespace) -> int:
    """List the programs with their protocol and child."""
    protocols = full_library()
    listing = program_store(protocols).listing()
    rows = []
    for program in sorted(listing.programs.values(), key=lambda p: p.title.casefold()):
        protocol = protocols[program.protocol]
        waiting = bool(changes(program, protocol))
        rows.append(
            {
                "id": program.id,
                "title": program.title,
                "protocol": program.protocol,
                "protocol_version": program.protocol_version,
                "child": program.child or None,
                "changes_waiting": waiting,
            }
        )
    for problem in listing.problems:
        fail(str(problem), 0)
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        flag = "  (a newer protocol waits: `program accept`)" if r["changes_waiting"] else ""
        print(f"{r['id']:<28} {r['title']:<32} {r['protocol']:<22} {r['child'] or '-'}{flag}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Show one program: its facts, and each step in or out with its count, tempo and note."""
    protocols = full_library()
    program = load_or_fail(program_store(protocols), args.program_id)
    if isinstance(program, int):
        return program
    if args.json:
        print_json(program_json(program, protocols))
        return EXIT_OK
    print(program.title)
    _print_summary(program, protocols)
    steps = {s.id: s for s in protocols[program.protocol].steps}
    for entry in program.steps:
        step = steps.get(entry.id)
        written = "" if step is None else _written(step.repetitions, step.duration_s)
        count = f"{entry.count}x" if entry.count is not None else written
        tempo = f" at {entry.tempo:g}x" if entry.tempo != 1.0 else ""
        mark = "in " if entry.include else "out"
        print(f"  [{mark}] {entry.id:<22} {count}{tempo}")
        if entry.note:
            print(f"        note: {entry.note}")
    return EXIT_OK


def _written(reps: int | None, seconds: float | None) -> str:
    return f"{reps}x (as written)" if reps is not None else f"{seconds or 0:g} s"


def cmd_remove(args: argparse.Namespace) -> int:
    """Delete a program's file."""
    store = program_store()
    try:
        store.remove(args.program_id)
    except KeyError:
        return fail(f"no program {args.program_id!r}")
    except StoreError as exc:
        return fail(str(exc), EXIT_STORE)
    print(f"Removed the program {args.program_id}.")
    return EXIT_OK


def cmd_accept(args: argparse.Namespace) -> int:
    """Take the protocol's new version into the program, saying what changes."""
    protocols = full_library()
    store = program_store(protocols)
    program = load_or_fail(store, args.program_id)
    if isinstance(program, int):
        return program
    found = changes(program, protocols[program.protocol])
    if not found:
        print(f"The program {program.id} is up to date.")
        return EXIT_OK
    for change in found:
        print(f"  {change.words}")
    try:
        store.save(accept(program, protocols[program.protocol]))
    except StoreError as exc:
        return fail(str(exc), EXIT_STORE)
    print(f"Accepted: {program.id} now follows version {protocols[program.protocol].version}.")
    return EXIT_OK


def cmd_therapist(args: argparse.Namespace) -> int:
    """Show, or set, the therapist's name and contact kept in the settings."""
    store = settings_store()
    current = store.load().settings
    if args.name is not None or args.contact is not None:
        changes = {}
        if args.name is not None:
            changes["therapist_name"] = " ".join(args.name.split())
        if args.contact is not None:
            changes["therapist_contact"] = " ".join(args.contact.split())
        try:
            current = Settings.model_validate({**current.model_dump(), **changes})
        except ValidationError:
            return fail("keep the name and the contact under 100 characters each")
        try:
            store.save(current)
        except StoreError as exc:
            return fail(str(exc), EXIT_STORE)
    print(f"Name: {current.therapist_name or '(not set)'}")
    print(f"Contact: {current.therapist_contact or '(not set)'}")
    return EXIT_OK
