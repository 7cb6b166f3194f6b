"""One reminder: a child, a massage, the times of day and the days of the week it comes on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})
# Words `--days` takes besides the day names.
DAY_GROUPS = {"daily": EVERY_DAY, "weekdays": WEEKDAYS, "weekends": WEEKEND}
_LONG_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORDS = {name: n for names in (DAY_NAMES, _FULL_NAMES) for n, name in enumerate(names)}
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ReminderError(ValueError):
    """A reminder's value is not valid; `str()` says which and why in plain words."""


@dataclass(frozen=True, slots=True)
class Reminder:
    """Remind of `protocol_id` for the child `child_id` at each of `times` on `days` (0=Monday).

    `id` is stable: `remind remove N` and the window name a reminder by it.
    """

    id: int
    child_id: int
    protocol_id: str
    times: tuple[time, ...]
    days: frozenset[int] = field(default=EVERY_DAY)

    def __post_init__(self) -> None:
        if not self.times:
            raise ReminderError("a reminder needs at least one time")
        if not self.days or not self.days <= EVERY_DAY:
            raise ReminderError("a reminder needs at least one day of the week")


def parse_time(text: str) -> time:
    """'19:00' or '7:05' as a time of day; raises ReminderError for anything else."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ReminderError(f"{text!r} is not a time of day; write HH:MM, like 19:00")
    return time(int(match.group(1)), int(match.group(2)))


def parse_times(texts: Iterable[str]) -> tuple[time, ...]:
    """Several times ('09:00', '13:00' or '09:00, 13:00'), sorted, each once."""
    parts = [p for text in texts for p in text.split(",") if p.strip()]
    if not parts:
        raise ReminderError("give at least one time, like 19:00")
    return tuple(sorted({parse_time(p) for p in parts}))


def parse_days(text: str) -> frozenset[int]:
    """'mon,wed,fri', 'weekdays', 'weekends' or 'daily' as day numbers (0 = Monday)."""
    days: set[int] = set()
    for word in (w.strip().casefold() for w in text.split(",")):
        if word in DAY_GROUPS:
            days |= DAY_GROUPS[word]
        elif word in _DAY_WORDS:
            days.add(_DAY_WORDS[word])
        elif word:
            raise ReminderError(
                f"{word!r} is not a day; use {','.join(DAY_NAMES)} "
                f"or one of {', '.join(sorted(DAY_GROUPS))}"
            )
    if not days:
        raise ReminderError("give at least one day, like mon,tue or weekdays")
    return frozenset(days)


def clock(t: time) -> str:
    """'19:00'."""
    return t.strftime("%H:%M")


def times_words(times: Iterable[time]) -> str:
    """'09:00, 13:00 and 18:00'."""
    shown = [clock(t) for t in times]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def days_words(days: frozenset[int]) -> str:
    """'every day', 'on weekdays', 'at weekends' or 'on Mon, Wed and Fri'."""
    if days == EVERY_DAY:
        return "every day"
    if days == WEEKDAYS:
        return "on weekdays"
    if days == WEEKEND:
        return "at weekends"
    names = [_LONG_NAMES[d] for d in sorted(days)]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"on {listed}"


def day_names(days: frozenset[int]) -> list[str]:
    """The days as the short names `--days` takes, Monday first."""
    return [DAY_NAMES[d] for d in sorted(days)]
