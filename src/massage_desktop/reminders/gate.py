"""Whether a due reminder is given today, and in what words: the course and the safety check.

A reminder is dropped on a day the course says rest (`course_says_rest`, the one place course
rules are asked, so richer ones slot in there). When the child's last safety check did not say
go, a gentle "not today" note comes instead of the reminder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from massage_desktop.protocol.models import Protocol
from massage_desktop.reminders.model import clock
from massage_desktop.reminders.schedule import Due
from massage_desktop.safety import HEADLINES, Verdict
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Child, Children
from massage_desktop.store.course import MIN_MASSAGE_S, counts, course_days, when_words
from massage_desktop.store.history import History, StoredSession
from massage_desktop.store.reminders import LastCheck

log = logging.getLogger(__name__)


class Kind(StrEnum):
    """What the notice is."""

    REMIND = "remind"
    NOT_TODAY = "not-today"


@dataclass(frozen=True, slots=True)
class Notice:
    """What to tell the user about one due reminder; Start opens the set-up for the two ids."""

    due: Due
    kind: Kind
    child_id: int
    protocol_id: str
    summary: str
    body: str


def course_says_rest(sessions: Sequence[StoredSession], protocol: Protocol, today: date) -> str:
    """Why the course says rest today ('' when it does not), from this child's sessions of it.

    Rest when the protocol's sessions for the day are done, and when a course with a set length
    (the tear duct massage's two weeks) has run its length.
    """
    done = sum(
        1 for s in sessions if s.started_at.date() == today and (s.actual_s or 0.0) >= MIN_MASSAGE_S
    )
    if done >= protocol.frequency.per_day:
        return f"{protocol.title} is done for today ({done} of {protocol.frequency.per_day})"
    newest_first = sorted(sessions, key=lambda s: s.started_at, reverse=True)
    course = course_days(((s.started_at.date(), counts(s)) for s in newest_first), today)
    length = protocol.frequency.course_days
    if length is not None and course and (today - course[0]).days >= length:
        return f"the course of {protocol.title} has run its {length} days"
    return ""


def notice_for(
    due: Due,
    child: Child | None,
    protocol: Protocol | None,
    sessions: Sequence[StoredSession],
    last_check: LastCheck | None,
    now: datetime,
) -> Notice | None:
    """The notice for `due`, or None when nothing is to be said today (with a log line why)."""
    reminder = due.reminder
    if child is None or child.archived:
        log.info("reminder %d: child %d is not listed; skipped", reminder.id, reminder.child_id)
        return None
    if protocol is None:
        log.info("reminder %d: no massage %r; skipped", reminder.id, reminder.protocol_id)
        return None
    rest = course_says_rest(sessions, protocol, now.date())
    if rest:
        log.info("reminder %d for %s: %s; no reminder", reminder.id, child.name, rest)
        return None
    if last_check is not None and last_check.verdict != Verdict.GO.value:
        return _not_today(due, child, protocol, last_check, now)
    return Notice(
        due,
        Kind.REMIND,
        child.id,
        protocol.id,
        f"Massage time for {child.name}",
        _reminder_body(due, protocol),
    )


def _reminder_body(due: Due, protocol: Protocol) -> str:
    when = clock(due.at.time())
    if due.put_off_from is not None:
        return f"{protocol.title}, put off from {clock(due.put_off_from.time())}."
    if not due.missed:
        return f"{protocol.title}, at {when}."
    text = f"{protocol.title}, due at {when} while the computer was asleep."
    others = due.also_missed
    if others:
        text += f" {others} other reminder{'s' if others != 1 else ''} fell due meanwhile."
    return text


def _not_today(
    due: Due, child: Child, protocol: Protocol, check: LastCheck, now: datetime
) -> Notice:
    try:
        headline = HEADLINES[Verdict(check.verdict)]
    except ValueError:
        headline = "Not today."
    when = when_words(check.at, now)
    body = (
        f"{child.name}'s last safety check, {when}, said: {headline} "
        f"If {child.name} is well again, Start opens a fresh safety check for {protocol.title}."
    )
    return Notice(
        due, Kind.NOT_TODAY, child.id, protocol.id, f"Not today, perhaps: {child.name}", body
    )


def notices(
    dues: Sequence[Due],
    history: History | None,
    protocols: Mapping[str, Protocol],
    checks: Mapping[int, LastCheck],
    now: datetime,
) -> list[Notice]:
    """The notices for `dues`, looked up in the history (none when it could not be opened)."""
    if history is None:
        if dues:
            log.warning("%d reminder(s) due, but the history could not be opened", len(dues))
        return []
    children = Children(history.db)
    out: list[Notice] = []
    for due in dues:
        r = due.reminder
        sessions = history.sessions(child_id=r.child_id, protocol_id=r.protocol_id)
        child = children.get(r.child_id)
        notice = notice_for(
            due, child, protocols.get(r.protocol_id), sessions, checks.get(r.child_id), now
        )
        if notice is not None:
            out.append(notice)
    return out


NoticeMaker = Callable[[Sequence[Due], Mapping[int, LastCheck], datetime], list[Notice]]


def from_files(history_file: Path, protocols: Mapping[str, Protocol]) -> NoticeMaker:
    """Makes notices by opening the history (read only) just for the moment they are due."""

    def make(dues: Sequence[Due], checks: Mapping[int, LastCheck], now: datetime) -> list[Notice]:
        try:
            # The window may be running a session in this process: never mark it interrupted.
            history: History | None = History.open(history_file, recover=False)
        except StoreError as exc:
            log.warning("%s", exc)
            history = None
        try:
            return notices(dues, history, protocols, checks, now)
        finally:
            if history is not None:
                history.close()

    return make
