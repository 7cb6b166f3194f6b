"""Subcommands over the protocol library: list, show, plan, vocabularies, validate, schema."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from massage_desktop.bodymap import ZONES
from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK, print_json
from massage_desktop.cli.common import (
    add_program_options,
    find_protocol,
    library,
    plan_json,
    plan_or_exit_code,
)
from massage_desktop.cli.numbers import whole
from massage_desktop.conditions import CONDITIONS
from massage_desktop.protocol import Problem, Protocol, load_file
from massage_desktop.protocol.loader import read_toml
from massage_desktop.protocol.models import Protocol as ProtocolModel


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("protocols", help="list the protocols")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_protocols)

    p = sub.add_parser("show", help="show one protocol")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("plan", help="the timed plan of a protocol (or a program) for a child")
    add_program_options(p)
    p.add_argument("--session-number", type=whole(at_least=1), metavar="K")
    p.add_argument(
        "--condition",
        action="append",
        default=[],
        metavar="C",
        help="a condition present today or standing (see `conditions`)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_plan)

    p = sub.add_parser("conditions", help="list the contraindications and stop rules")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_conditions)

    p = sub.add_parser("zones", help="list the body zones and points")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_zones)

    p = sub.add_parser("validate", help="check protocol files")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a protocol file")
    p.set_defaults(run=cmd_schema)


def _summary(p: Protocol) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "category": p.category,
        "min_weeks": p.age.min_weeks,
        "max_weeks": p.age.max_weeks,
        "minutes": sorted({rule.minutes for rule in p.session_length}),
    }


def cmd_protocols(args: argparse.Namespace) -> int:
    """List every protocol with its ages and typical length."""
    rows = [_summary(p) for p in library().protocols.values()]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        minutes = "-".join(f"{m:g}" for m in (r["minutes"][0], r["minutes"][-1]))
        minutes = f"{r['minutes'][0]:g}" if len(r["minutes"]) == 1 else minutes
        print(
            f"{r['id']:<22} {r['title']:<34} {r['category']:<12} "
            f"{r['min_weeks']:>3}-{r['max_weeks']:<3} weeks  {minutes} min"
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Show one protocol in full."""
    protocol = find_protocol(args.id)
    if protocol is None:
        return EXIT_INVALID
    if args.json:
        print_json(protocol.model_dump(mode="json"))
        return EXIT_OK
    print(f"{protocol.title} (version {protocol.version}, {protocol.kind.value})")
    print(protocol.purpose)
    print(f"Ages: {protocol.age.min_weeks} to {protocol.age.max_weeks} weeks")
    for heading, items in (
        ("Supplies", protocol.supplies),
        ("Preparation", protocol.preparation),
        ("Timing", protocol.timing),
        ("Notes", protocol.notes),
    ):
        if items:
            print(f"{heading}:")
            for item in items:
                print(f"  - {item}")
    for stage in protocol.stages:
        print(f"\n{stage.title}")
        for step in stage.steps:
            count = (
                f"{step.repetitions} x {step.tempo_s:g} s"
                if step.repetitions
                else f"{step.duration_s:g} s"
            )
            print(f"  {step.id:<22} {step.technique:<12} {count:<12} {step.instruction}")
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    """Print the plan; exit 2 when the age is outside the protocol, 3 when screening says no."""
    result = plan_or_exit_code(args)
    if isinstance(result, int):
        return result
    if args.json:
        print_json(plan_json(result))
        return EXIT_OK
    print(f"{result.title}: {result.total_s / 60:.1f} minutes for {result.age_weeks:g} weeks")
    for s in result.steps:
        count = f"{s.repetitions} x {s.tempo_s:g} s" if s.repetitions else ""
        side = "" if s.side.value == "none" else f" ({s.side.value})"
        print(f"  {s.duration_s:>6.0f} s  {s.title}{side}  {count}")
    for lo in result.left_out:
        print(f"  left out: {lo.step}: {lo.reason}")
    return EXIT_OK


def cmd_conditions(args: argparse.Namespace) -> int:
    """List the conditions with their severity and advice."""
    rows = [
        {
            "id": c.id,
            "label": c.label,
            "severity": c.severity.name.lower(),
            "scope": c.scope.value,
            "kind": c.kind.value,
            "advice": c.advice,
        }
        for c in CONDITIONS.values()
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        print(f"{r['id']:<18} {r['severity']:<11} {r['scope']:<9} {r['label']}")
    return EXIT_OK


def cmd_zones(args: argparse.Namespace) -> int:
    """List the body zones and points."""
    rows = [
        {
            "id": z.id,
            "label": z.label,
            "view": z.view.value,
            "views": [v.value for v in z.views],
            "paired": z.paired,
            "point": z.point,
            "never": z.never,
            "from_age_weeks": z.from_age_weeks,
        }
        for z in ZONES.values()
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        flag = (
            "never"
            if r["never"]
            else (f"from {r['from_age_weeks']} w" if r["from_age_weeks"] else "")
        )
        print(f"{r['id']:<20} {r['view']:<6} {'point' if r['point'] else 'zone':<6} {flag}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files; exit 1 with one line per problem when any is invalid."""
    files: list[Path] = []
    for path in args.paths:
        files += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    report = []
    for path in files:
        loaded, problems = _load_any(path)
        report.append(
            {
                "file": str(path),
                "valid": loaded is not None,
                "problems": [
                    {"field": p.field, "line": p.line, "message": p.message} for p in problems
                ],
            }
        )
        if not args.json:
            for problem in problems:
                print(problem)
    ok = all(r["valid"] for r in report)
    if args.json:
        print_json({"valid": ok, "files": report})
    elif ok:
        print(f"{len(files)} file(s) valid")
    return EXIT_OK if ok else EXIT_INVALID


def _load_any(path: Path) -> tuple[object | None, list[Problem]]:
    """A protocol file, or a child's program (checked against the library with your own)."""
    read = read_toml(path)
    is_program = path.suffix == ".massage" or (
        not isinstance(read, Problem) and "protocol_version" in read[1]
    )
    if not is_program:
        return load_file(path)
    from massage_desktop.cli.program_common import full_library
    from massage_desktop.protocol.program_loader import load_program

    return load_program(path, full_library())


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a protocol file."""
    print(json.dumps(ProtocolModel.model_json_schema(), indent=2))
    return EXIT_OK
