"""The `massage-desktop` command: the window by default, and subcommands over the same core."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from massage_desktop import __version__
from massage_desktop.cli.numbers import number

# Each module adds its subcommands with `register(subparsers)`; parsers set `run=handler`.
# The window path imports none of them: they pull in pydantic, the store and the voice, which
# would more than double the time to the first painted window.
COMMAND_MODULES = {
    "library": ("protocols", "show", "plan", "conditions", "zones", "validate", "schema"),
    "records": ("history", "report", "children", "child"),
    "voice": ("speak", "voices", "doctor"),
    "simulate": ("simulate",),
    "desktop": ("desktop",),
    "content": ("review", "checklist"),
    "remind": ("remind",),
    "course": ("course",),
    "programs": ("program", "therapist"),
    "handout": ("handout",),
    "soundtrack": ("soundtrack",),
}
COMMANDS = frozenset(name for names in COMMAND_MODULES.values() for name in names)


def _window_parser(with_file: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="massage-desktop",
        description="A hands-free, spoken guide through a children's massage session.",
        epilog=f"commands: {', '.join(sorted(COMMANDS))} (massage-desktop COMMAND --help)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--protocol", metavar="ID", help="open the set-up for this protocol")
    parser.add_argument("--child", metavar="NAME", help="open the set-up for this saved child")
    parser.add_argument(
        "--tray",
        action="store_true",
        help="stay in the background to give the reminders (a tray icon where there is a tray)",
    )
    parser.add_argument("--program", metavar="ID", help="open the set-up for a child's program")
    if with_file:  # the subcommands' parser takes a command there instead
        parser.add_argument(
            "file", nargs="?", metavar="FILE.massage", help="open a program file handed over"
        )
    ages = parser.add_mutually_exclusive_group()
    ages.add_argument("--age-weeks", type=number(), metavar="W", help="the child's age in weeks")
    ages.add_argument("--age-months", type=number(), metavar="M", help="the child's age in months")
    parser.add_argument(
        "--speed",
        type=number(above=0),
        default=1.0,
        metavar="X",
        help="preview faster (never recorded)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line grammar: every subcommand, or only those of the module `only`."""
    parser = _window_parser(with_file=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only else COMMAND_MODULES:
        importlib.import_module(f"massage_desktop.cli.{name}").register(sub)
    return parser


def _command_module(argv: Sequence[str]) -> str | None:
    """The module of the first command named in `argv`, if any.

    Only that module is imported: `history` has no need of the protocol library and pydantic,
    which the planning commands load, and starts in a fraction of the time.
    """
    for arg in argv:
        for module, names in COMMAND_MODULES.items():
            if arg in names:
                return module
    return None


SIGPIPE_EXIT = 128 + 13  # what a shell reports for a program that SIGPIPE ended


def _wants_help(argv: Sequence[str]) -> bool:
    return any(arg in ("-h", "--help") for arg in argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    module = _command_module(argv)
    if module is not None:
        parser = build_parser(module)
    else:
        parser = build_parser() if _wants_help(argv) else _window_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # Qt Multimedia reports every optional library it did not find (VA-API, PipeWire...).
        os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    if getattr(args, "command", None) is None:
        from massage_desktop.app import run_app, run_tray

        return run_tray(args) if args.tray else run_app(args)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left early (`plan ... | head`): stop quietly, as a program that SIGPIPE
        # ended would, and keep the interpreter's last flush from complaining again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_EXIT
    return code
