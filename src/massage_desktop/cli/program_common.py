"""What the program commands share: the library with the user's own protocols, the program
folder, the settings, a saved child, and the plan of a program for `plan` and `simulate`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from massage_desktop.cli.base import EXIT_AGE, EXIT_INVALID, EXIT_NOT_TODAY, age_weeks
from massage_desktop.plan import NotToday, Plan, PlanRefused
from massage_desktop.program_plan import plan_program
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.program import Program
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Child, Children
from massage_desktop.store.children import age_weeks as child_age_weeks
from massage_desktop.store.course_report import CourseInfo
from massage_desktop.store.course_report import course_infos as infos_of
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.programs import ProgramStore
from massage_desktop.store.settings import Settings, SettingsStore

EXIT_USAGE = 2  # as argparse: an option missing or out of its bounds
EXIT_STORE = 4


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Say what is wrong on stderr; return the exit code."""
    print(f"massage-desktop: {message}", file=sys.stderr)
    return code


def full_library() -> dict[str, Protocol]:
    """The shipped protocols and the user's own, as the window offers them."""
    result = load_library(UserDirs.from_env().user_protocols)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return result.protocols


def program_store(protocols: dict[str, Protocol] | None = None) -> ProgramStore:
    """The user's programs, checked against the library."""
    return ProgramStore(UserDirs.from_env().programs, protocols or full_library())


def settings_store() -> SettingsStore:
    """The user's settings file."""
    return SettingsStore(UserDirs.from_env().settings_file)


def settings() -> Settings:
    """The user's settings (defaults when there are none)."""
    return settings_store().load().settings


def saved_child(name: str) -> Child | None:
    """The saved child called `name`, or None (also when there is no history yet)."""
    from massage_desktop.cli.records import open_records

    if not UserDirs.from_env().history_file.exists():
        return None
    history = open_records()
    try:
        return Children(history.db).find(name)
    finally:
        history.close()


def load_or_fail(store: ProgramStore, program_id: str) -> Program | int:
    """The program `program_id`, or the exit code after saying why it cannot be used."""
    program = store.get(program_id)
    if program is not None:
        return program
    problems = store.problems_of(program_id)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return fail(f"the program {program_id!r} cannot be used", EXIT_INVALID)
    known = ", ".join(p.id for p in store.all()) or "none yet"
    return fail(f"no program {program_id!r}; saved programs: {known}")


@dataclass(frozen=True, slots=True)
class ForChild:
    """Who a program's plan is for: the age in weeks and the lasting conditions known."""

    age_weeks: float
    conditions: tuple[str, ...] = ()
    child: Child | None = None


def for_child(args: argparse.Namespace, program: Program) -> ForChild | int:
    """The age (options first, then the saved child) and the child's lasting conditions."""
    name = getattr(args, "child", None) or program.child
    try:
        child = saved_child(name) if name else None
    except StoreError as exc:
        return fail(str(exc), EXIT_STORE)
    if getattr(args, "child", None) and child is None:
        return fail(f"no child called {args.child!r}")
    standing = child.conditions if child else ()
    if args.age_weeks is not None or args.age_months is not None:
        return ForChild(age_weeks(args), standing, child)
    if child is not None:
        return ForChild(child_age_weeks(child, date.today()), standing, child)
    return fail(
        f"give the child's age (--age-weeks or --age-months): the program {program.id!r} "
        "names no saved child"
    )


def program_plan_or_exit_code(args: argparse.Namespace) -> Plan | int:
    """The plan of the program `args.program` asks for, or the exit code and why."""
    protocols = full_library()
    store = program_store(protocols)
    program = load_or_fail(store, args.program)
    if isinstance(program, int):
        return program
    if args.id is not None and args.id != program.protocol:
        return fail(
            f"the program {program.id!r} is made from {program.protocol!r}, not {args.id!r}"
        )
    who = for_child(args, program)
    if isinstance(who, int):
        return who
    conditions = (*getattr(args, "condition", ()), *who.conditions)
    try:
        return plan_program(
            protocols[program.protocol], program, who.age_weeks, args.session_number, conditions
        )
    except PlanRefused as exc:
        return fail(exc.reason, EXIT_AGE)
    except NotToday as exc:
        print(exc.screening.headline, file=sys.stderr)
        for reason in exc.screening.reasons:
            print(f"  - {reason}", file=sys.stderr)
        return EXIT_NOT_TODAY


def course_infos() -> dict[str, CourseInfo]:
    """Each massage's title and course size, by course key: programs and protocols."""
    protocols = full_library()
    return infos_of(protocols, program_store(protocols).all())
