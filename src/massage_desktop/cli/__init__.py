"""The `massage-desktop` command: the window by default, and subcommands over the same core."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from massage_desktop import __version__
from massage_desktop.cli import library, records, simulate

# Each module adds its subcommands with `register(subparsers)`; parsers set `run=handler`.
COMMAND_MODULES = (library, records, simulate)


def build_parser() -> argparse.ArgumentParser:
    """The whole command-line grammar."""
    parser = argparse.ArgumentParser(
        prog="massage-desktop",
        description="A hands-free, spoken guide through a children's massage session.",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        return _open_window(parser, args)
    code: int = args.run(args)
    return code


def _open_window(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        from massage_desktop.app import run_app
    except ImportError:
        parser.print_help(sys.stdout)
        return 0
    code: int = run_app(args)
    return code
