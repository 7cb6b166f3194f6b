"""Pieces the planning subcommands share: loading the library, a plan from the options, its JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from massage_desktop.cli.base import (
    EXIT_AGE,
    EXIT_INVALID,
    EXIT_NOT_TODAY,
    add_age_options,
    age_weeks,
)
from massage_desktop.conditions import CONDITIONS
from massage_desktop.plan import NotToday, Plan, PlanRefused, plan
from massage_desktop.protocol import LoadResult, Protocol, load_library


def library() -> LoadResult:
    """The shipped protocols; problems are reported on stderr and the rest still load."""
    result = load_library()
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return result


def find_protocol(protocol_id: str) -> Protocol | None:
    """The protocol with this id, or None after saying which ids exist."""
    protocols = library().protocols
    if protocol_id in protocols:
        return protocols[protocol_id]
    print(
        f"massage-desktop: no protocol {protocol_id!r}; known: {', '.join(sorted(protocols))}",
        file=sys.stderr,
    )
    return None


def plan_json(plan: Plan) -> dict[str, Any]:
    """The documented JSON shape of a plan."""
    return {
        "protocol": plan.protocol_id,
        "version": plan.version,
        "title": plan.title,
        "age_weeks": plan.age_weeks,
        "session_number": plan.session_number,
        "target_s": plan.target_s,
        "total_s": plan.total_s,
        "steps": [
            {
                "id": s.id,
                "title": s.title,
                "stage": s.stage,
                "position": s.position.value,
                "zones": list(s.zones),
                "points": list(s.points),
                "avoid": list(s.avoid),
                "technique": s.technique,
                "side": s.side.value,
                "repetitions": s.repetitions,
                "tempo_s": s.tempo_s,
                "duration_s": s.duration_s,
                "instruction": s.instruction,
                "rhyme": s.rhyme,
                "closing": s.closing,
                "path": s.path.as_json() if s.path is not None else None,
                "prompts": [
                    {"at_s": p.at_s, "text": p.text, "kind": p.kind.value} for p in s.prompts
                ],
            }
            for s in plan.steps
        ],
        "left_out": [{"step": lo.step, "reason": lo.reason} for lo in plan.left_out],
    }


def add_program_options(parser: argparse.ArgumentParser) -> None:
    """The protocol id (or a program instead), the age, and the saved child of a plan."""
    parser.add_argument("id", nargs="?", metavar="ID", help="the protocol (or use --program)")
    add_age_options(parser, required=False)
    parser.add_argument("--program", metavar="ID", help="a child's program instead of a protocol")
    parser.add_argument("--child", metavar="NAME", help="a saved child's age and conditions")


def plan_or_exit_code(args: argparse.Namespace) -> Plan | int:
    """The plan `args` ask for (id, age, session number, conditions), or the exit code and why."""
    if getattr(args, "program", None) or getattr(args, "child", None):
        from massage_desktop.cli.program_common import program_plan_or_exit_code

        if getattr(args, "program", None):
            return program_plan_or_exit_code(args)
        print("massage-desktop: --child goes with --program", file=sys.stderr)
        return EXIT_AGE
    if args.id is None or (args.age_weeks is None and args.age_months is None):
        print(
            "massage-desktop: give a protocol ID and the child's age (--age-weeks W or "
            "--age-months M), or a child's program with --program ID",
            file=sys.stderr,
        )
        return EXIT_AGE
    protocol = find_protocol(args.id)
    if protocol is None:
        return EXIT_INVALID
    unknown = [c for c in args.condition if c not in CONDITIONS]
    if unknown:
        print(
            f"massage-desktop: unknown condition(s): {', '.join(unknown)}; "
            "see `massage-desktop conditions`",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        return plan(protocol, age_weeks(args), args.session_number, args.condition)
    except PlanRefused as exc:
        print(f"massage-desktop: {exc.reason}", file=sys.stderr)
        return EXIT_AGE
    except NotToday as exc:
        print(exc.screening.headline, file=sys.stderr)
        for reason in exc.screening.reasons:
            print(f"  - {reason}", file=sys.stderr)
        return EXIT_NOT_TODAY
