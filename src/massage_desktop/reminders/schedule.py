"""When reminders are due: wall-clock times on chosen days, checked now and then by a Watch.

Times are local wall-clock times (naive datetimes from `datetime.now()`), since "19:00" means
what the clock on the wall says. The Watch is told the wall clock and the monotonic clock at each
check. The monotonic clock stands still while the computer sleeps and the wall clock does not, so
a wall clock that ran ahead of the monotonic one (or a long gap between checks) means the computer
slept: the reminders due meanwhile come as one, the latest due today, marked missed, never as a
burst. A wall clock set back never repeats a reminder already given.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from massage_desktop.reminders.model import Reminder

log = logging.getLogger(__name__)

WallClock = Callable[[], datetime]
MonoClock = Callable[[], float]

LATER = timedelta(minutes=15)
# The wall clock may run ahead of the monotonic one by this much before it counts as sleep.
SLEEP_SLACK_S = 60.0
# A gap this long between checks counts as sleep too (a stopped process, another platform's
# monotonic clock that runs on through sleep).
MAX_GAP_S = 300.0
# A wall clock set back by more than this (not a summer-time change) starts afresh from there.
CLOCK_SET_BACK = timedelta(hours=2)
CHECK_EVERY_S = 60.0


@dataclass(frozen=True, slots=True)
class Due:
    """A reminder that is due now.

    `at` is the moment it is due; `missed` says it fell due while the computer slept (and
    `also_missed` how many others did, left out so as not to come in a burst); `put_off_from`
    is when it was first due, for one that comes back after "Later".
    """

    reminder: Reminder
    at: datetime
    missed: bool = False
    also_missed: int = 0
    put_off_from: datetime | None = None

    @property
    def later(self) -> bool:
        """Whether it comes back after "Later"."""
        return self.put_off_from is not None


def occurrences(reminder: Reminder, after: datetime, until: datetime) -> list[datetime]:
    """The moments `reminder` is due in (after, until], in order."""
    out: list[datetime] = []
    day = after.date()
    while day <= until.date():
        if day.weekday() in reminder.days:
            for t in reminder.times:
                moment = datetime.combine(day, t)
                if after < moment <= until:
                    out.append(moment)
        day += timedelta(days=1)
    return out


def next_due(reminder: Reminder, after: datetime) -> datetime:
    """The first moment after `after` that `reminder` is due (within the coming week)."""
    found = occurrences(reminder, after, after + timedelta(days=8))
    assert found, "a reminder with a time and a day is due within every week"
    return found[0]


def next_of(reminders: Iterable[Reminder], after: datetime) -> tuple[Reminder, datetime] | None:
    """The reminder due first after `after`, and when; None without reminders."""
    dues = [(r, next_due(r, after)) for r in reminders]
    return min(dues, key=lambda pair: pair[1]) if dues else None


class Watch:
    """Says, at each check, which reminders fell due since the last; keeps the "Later" ones."""

    def __init__(self, wall: WallClock, mono: MonoClock) -> None:
        self._wall = wall
        self._mono = mono
        self._last: tuple[datetime, float] | None = None
        self._since: datetime | None = None  # due moments up to here were given
        self._later: list[Due] = []

    @property
    def waiting(self) -> tuple[Due, ...]:
        """The reminders put off with "Later", soonest first."""
        return tuple(sorted(self._later, key=lambda d: d.at))

    def check(self, reminders: Sequence[Reminder]) -> list[Due]:
        """The reminders due since the last check (none at the first: it only starts the watch)."""
        wall, mono = self._wall(), self._mono()
        last = self._last
        self._last = (wall, mono)
        if last is None or self._since is None:
            self._since = wall
            return self._back_from_later(wall)
        since = self._since
        if wall < since - CLOCK_SET_BACK:
            log.info("the clock was set back from %s to %s; reminders go on from here", since, wall)
            self._since = wall
            return self._back_from_later(wall)
        slept = _slept(last, (wall, mono))
        due = [Due(r, at) for r in reminders for at in occurrences(r, since, wall)]
        self._since = max(since, wall)
        due.sort(key=lambda d: d.at)
        if slept and due:
            due = _once_on_waking(due, wall)
        return due + self._back_from_later(wall)

    def later(self, due: Due, delay: timedelta = LATER) -> datetime:
        """Bring `due` back after `delay` (15 minutes) from now; returns when."""
        at = self._wall() + delay
        self._later = [d for d in self._later if d.reminder.id != due.reminder.id]
        first = due.put_off_from or due.at
        self._later.append(replace(due, at=at, put_off_from=first, missed=False, also_missed=0))
        return at

    def forget(self, reminder_ids: Iterable[int]) -> None:
        """Drop the "Later" ones of reminders that no longer exist."""
        gone = set(reminder_ids)
        self._later = [d for d in self._later if d.reminder.id not in gone]

    def seconds_to_next(self, reminders: Sequence[Reminder]) -> float:
        """How long until the next check is worth making: the next due moment, at most a minute."""
        now = self._wall()
        moments = [d.at for d in self._later]
        upcoming = next_of(reminders, now)
        if upcoming is not None:
            moments.append(upcoming[1])
        if not moments:
            return CHECK_EVERY_S
        return max(0.5, min(CHECK_EVERY_S, (min(moments) - now).total_seconds() + 0.5))

    def _back_from_later(self, wall: datetime) -> list[Due]:
        ready = [d for d in self._later if d.at <= wall]
        self._later = [d for d in self._later if d.at > wall]
        return sorted(ready, key=lambda d: d.at)


def _slept(last: tuple[datetime, float], now: tuple[datetime, float]) -> bool:
    wall_s = (now[0] - last[0]).total_seconds()
    mono_s = now[1] - last[1]
    if wall_s - mono_s > SLEEP_SLACK_S or mono_s > MAX_GAP_S:
        log.info("the computer slept or the checks stopped (%.0f s by the wall clock)", wall_s)
        return True
    return False


def _once_on_waking(due: list[Due], wall: datetime) -> list[Due]:
    """The latest reminder due today, marked missed, counting the others; none from other days."""
    today = [d for d in due if d.at.date() == wall.date()]
    if not today:
        log.info("%d reminder(s) fell due on earlier days while the computer slept", len(due))
        return []
    latest = today[-1]
    return [replace(latest, missed=True, also_missed=len(due) - 1)]
