"""Number options: NaN, infinity and values out of range are usage errors (exit 2) saying why.

Used as argparse `type=` callables, so argparse prints `argument --age-months: ...` with the
command's usage and exits with 2. Standard library only: the window's parser uses it too.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def _bounds(at_least: float | None, above: float | None, at_most: float | None) -> str:
    low = f"{at_least:g} or more" if at_least is not None else f"above {above:g}"
    if at_most is None:
        return low
    return (
        f"from {at_least:g} to {at_most:g}" if at_least is not None else f"{low}, up to {at_most:g}"
    )


def number(
    *, at_least: float | None = None, above: float | None = None, at_most: float | None = None
) -> Callable[[str], float]:
    """A finite decimal number within the bounds given (by default: 0 or more)."""
    if at_least is None and above is None:
        at_least = 0.0

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if math.isnan(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a number")
        if math.isinf(value):
            raise argparse.ArgumentTypeError(f"must be a finite number, not {text!r}")
        too_low = (at_least is not None and value < at_least) or (
            above is not None and value <= above
        )
        if too_low or (at_most is not None and value > at_most):
            raise argparse.ArgumentTypeError(
                f"must be {_bounds(at_least, above, at_most)}, not {text}"
            )
        return value

    parse.__name__ = "number"
    return parse


def whole(*, at_least: int = 0, at_most: int | None = None) -> Callable[[str], int]:
    """A whole number within the bounds given (by default: 0 or more)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < at_least or (at_most is not None and value > at_most):
            raise argparse.ArgumentTypeError(
                f"must be {_bounds(at_least, None, at_most)}, not {text}"
            )
        return value

    parse.__name__ = "whole number"
    return parse
