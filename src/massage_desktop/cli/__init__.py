"""The `massage-desktop` command: the window by default, and subcommands over the same core."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from massage_desktop import __version__

# Each module adds its subcommands with `register(subparsers)`; parsers set `run=handler`.
# The window path imports none of them: they pull in pydantic, the store and the voice, which
# would more than double the time to the first painted window.
COMMAND_MODULES = {
    "library": ("protocols", "show", "plan", "conditions", "zones", "validate", "schema"),
    "records": ("history", "report", "children", "child"),
    "voice": ("speak", "voices", "doctor"),
    "simulate": ("simulate",),
    "soundtrack": ("soundtrack",),
}
COMMANDS = frozenset(name for names in COMMAND_MODULES.values() for name in names)


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="massage-desktop",
        description="A hands-free, spoken guide through a children's massage session.",
        epilog=f"commands: {', '.join(sorted(COMMANDS))} (massage-desktop COMMAND --help)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--protocol", metavar="ID", help="open the set-up for this protocol")
    ages = parser.add_mutually_exclusive_group()
    ages.add_argument("--age-weeks", type=float, metavar="W", help="the child's age in weeks")
    ages.add_argument("--age-months", type=float, metavar="M", help="the child's age in months")
    parser.add_argument(
        "--speed", type=float, default=1.0, metavar="X", help="preview faster (never recorded)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command-line grammar, every subcommand included."""
    parser = _window_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"massage_desktop.cli.{name}").register(sub)
    return parser


def _wants_command(argv: Sequence[str]) -> bool:
    return any(arg in COMMANDS for arg in argv) or any(arg in ("-h", "--help") for arg in argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser() if _wants_command(argv) else _window_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # Qt Multimedia reports every optional library it did not find (VA-API, PipeWire...).
        os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    if getattr(args, "command", None) is None:
        from massage_desktop.app import run_app

        return run_app(args)
    code: int = args.run(args)
    return code
