"""A child's age: months and weeks, as the program counts them everywhere."""

from __future__ import annotations

WEEKS_PER_MONTH = 52 / 12


def months_to_weeks(months: float) -> float:
    """A child's age in months as weeks, to one decimal."""
    return round(months * WEEKS_PER_MONTH, 1)
