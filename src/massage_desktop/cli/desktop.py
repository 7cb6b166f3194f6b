"""The `desktop` subcommand: put the menu entry, icons and file type in place, or take them away."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK, print_json
from massage_desktop.desktop_entry import Placed, default_prefix, install, uninstall
from massage_desktop.store.atomic import StoreError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("desktop", help="add the program to the desktop's menu, or remove it")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, helptext in (
        ("install", "put the menu entry, icons, metainfo and file type in place"),
        ("uninstall", "take away what install put in place"),
    ):
        a = actions.add_parser(name, help=helptext)
        a.add_argument(
            "--prefix",
            type=Path,
            metavar="DIR",
            help=f"the data folder to use (default {default_prefix()})",
        )
        a.add_argument("--json", action="store_true")
        a.set_defaults(run=cmd_desktop)


def cmd_desktop(args: argparse.Namespace) -> int:
    """Install or uninstall; exit 1 when a file cannot be written."""
    try:
        placed = install(args.prefix) if args.action == "install" else uninstall(args.prefix)
    except (StoreError, OSError) as exc:
        print(f"massage-desktop: desktop {args.action}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print_json(_as_json(args.action, placed))
        return EXIT_OK
    _say(args.action, placed)
    return EXIT_OK


def _as_json(action: str, placed: Placed) -> dict[str, object]:
    return {
        "action": action,
        "files": [str(f) for f in placed.files],
        "refreshed": list(placed.refreshed),
    }


def _say(action: str, placed: Placed) -> None:
    verb = "Put in place" if action == "install" else "Removed"
    print(f"{verb}: {len(placed.files)} files")
    for path in placed.files:
        print(f"  {path}")
    if placed.refreshed:
        print(f"Refreshed: {', '.join(placed.refreshed)}")
    if action == "install":
        print("The menu entry 'Children's Massage' appears the next time the menu is opened.")
