"""What every subcommand shares and costs nothing to load: exit codes, JSON out, age options."""

from __future__ import annotations

import argparse
import json
from typing import Any

from massage_desktop.ages import months_to_weeks
from massage_desktop.cli.numbers import number

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_AGE = 2
EXIT_NOT_TODAY = 3


def add_age_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """Add the mutually exclusive --age-weeks / --age-months options."""
    ages = parser.add_mutually_exclusive_group(required=required)
    ages.add_argument("--age-weeks", type=number(), metavar="W", help="the child's age in weeks")
    ages.add_argument("--age-months", type=number(), metavar="M", help="the child's age in months")


def age_weeks(args: argparse.Namespace) -> float:
    """The age the options give, in weeks."""
    if args.age_weeks is not None:
        return float(args.age_weeks)
    return months_to_weeks(float(args.age_months))


def print_json(data: Any) -> None:
    """Print `data` as indented JSON."""
    print(json.dumps(data, indent=2, ensure_ascii=False))
