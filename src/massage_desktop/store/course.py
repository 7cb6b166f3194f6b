"""A child's course of one protocol: the session number for the ramp, frequency warnings, last one.

What counts for the ramp: completed and finished-gently sessions, and interrupted ones that ran at
least half their planned length (the child had most of the massage; a dead battery should not hold
the course back). Stopped sessions do not count: they were stopped for a reason, so the next one
stays as short. A course is the run of counted sessions with no break longer than BREAK_DAYS; after
a longer break the ramp starts again from the first, short session.

What counts for the daily limit: every session today that gave at least MIN_MASSAGE_S of massage,
whatever its outcome, since the limit is there to spare the child too much handling.

A protocol that keeps one of the source's course schedules (`frequency.course`) also says which
session of the course comes next, or that the course is complete and when the next is due.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from massage_desktop.courses import course_advice, course_size, next_course
from massage_desktop.protocol.models import Protocol
from massage_desktop.store.history import (
    SESSION_SQL,
    History,
    Outcome,
    StoredSession,
    session_from_row,
)

MIN_COUNTED_FRACTION = 0.5
BREAK_DAYS = 14
MIN_MASSAGE_S = 60.0


def _local_now() -> datetime:
    return datetime.now().astimezone()


def counts(session: StoredSession) -> bool:
    """Whether a session moves the course (and its ramp) on."""
    return counted(session.outcome, session.actual_s, session.planned_s)


def counted(outcome: Outcome | str | None, actual_s: float | None, planned_s: float) -> bool:
    """counts() for a session's outcome, actual and planned lengths as the history holds them."""
    if outcome in (Outcome.COMPLETED, Outcome.FINISHED_GENTLY):
        return True
    if outcome == Outcome.INTERRUPTED:
        return (actual_s or 0.0) >= MIN_COUNTED_FRACTION * planned_s
    return False


def course_days(newest_first: Iterable[tuple[date, bool]], today: date) -> list[date]:
    """The days of the course still running today, oldest first (none after a long break).

    Read from the newest session back, as (day, counted) pairs; reading stops at the first break
    longer than BREAK_DAYS between counted sessions, or between the newest one and today.
    """
    days: list[date] = []
    later = today
    for day, counts_on in newest_first:
        if not counts_on:
            continue
        if later - day > timedelta(days=BREAK_DAYS):
            break
        days.append(day)
        later = day
    return days[::-1]


# Targeted reads: the index on (child_id, protocol_id, started_at) or (child_id, started_at) finds
# one child's sessions newest first; reading stops as soon as the answer is known.
NEWEST_OF_COURSE_SQL = (
    "SELECT substr(s.started_at, 1, 10), s.outcome, s.actual_s, s.planned_s FROM sessions s"
    " WHERE s.child_id = ? AND s.protocol_id = ? ORDER BY s.started_at DESC, s.id DESC"
)
OF_THE_DAY_SQL = (
    f"{SESSION_SQL} WHERE s.child_id = ? AND s.protocol_id = ?"
    " AND s.started_at >= ? AND s.started_at < ?"
)
LAST_FINISHED_SQL = (
    f"{SESSION_SQL} WHERE s.child_id = ? AND s.outcome IS NOT NULL"
    " ORDER BY s.started_at DESC, s.id DESC LIMIT 1"
)


@dataclass(frozen=True, slots=True)
class CoursePosition:
    """Where one child's course of one massage stands today, as the start view shows it."""

    protocol_id: str
    title: str
    sessions: int  # counted sessions in the course running now (0: none yet, or after a break)
    size: str | None  # "10" or "10 to 15" where the source gives a course size at this age
    course_complete: bool
    next_course: str | None  # "at about 6 months" for a massage with a course schedule
    day: int | None  # day N of a course with a set length (the tear duct's 14 days)
    days: int | None
    done_today_at: str | None  # "18:40" when a session was done today

    @property
    def words(self) -> str:
        """'Session 4 of 10 · done today at 18:40', or '' when there is nothing to say."""
        parts = []
        if self.day is not None and self.days is not None:
            parts.append(f"course day {self.day} of {self.days}")
        elif self.course_complete and self.next_course:
            parts.append(f"course of {self.size} done, next course {self.next_course}")
        elif self.size is not None:
            parts.append(f"session {self.sessions + 1} of {self.size}")
        if self.done_today_at is not None:
            parts.append(f"done today at {self.done_today_at}")
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]


class Course:
    """Course facts for the set-up screen, read from the history."""

    def __init__(self, history: History, now: Callable[[], datetime] = _local_now) -> None:
        self._db = history.db
        self._now = now

    def session_number(self, child_id: int, protocol_id: str) -> int:
        """The number of the next session in the course, for plan()'s ramp (1 for the first)."""
        return len(self._course(child_id, protocol_id, self._now().date())) + 1

    def warnings(
        self, child_id: int, protocol: Protocol, age_weeks: float | None = None
    ) -> tuple[str, ...]:
        """Plain sentences to read before starting: done enough today, course running long,
        and, for a child of `age_weeks`, where the course of the source's schedule stands."""
        today = self._now().date()
        named = self._db.rows("SELECT name FROM children WHERE id = ?", (child_id,))
        name = named[0][0] if named else "Your child"
        day = (today.isoformat(), (today + timedelta(days=1)).isoformat())
        todays = self._db.rows(OF_THE_DAY_SQL, (child_id, protocol.id, *day))
        out = [_daily(list(map(session_from_row, todays)), protocol, today, name)]
        if protocol.frequency.course_days is not None:
            course = self._course(child_id, protocol.id, today)
            lasts = protocol.frequency.course_days
            out.append(_course_length(course, protocol, today, lasts))
        kind = protocol.frequency.course
        if kind is not None and age_weeks is not None:
            done = len(self._course(child_id, protocol.id, today))
            out.append(course_advice(kind, age_weeks, done))
        return tuple(w for w in out if w)

    def position(self, child_id: int, protocol: Protocol, age_weeks: float) -> CoursePosition:
        """Where the child's course of `protocol` stands today (see CoursePosition)."""
        now = self._now()
        today = now.date()
        course = self._course(child_id, protocol.id, today)
        day = (today.isoformat(), (today + timedelta(days=1)).isoformat())
        todays = [
            session_from_row(r)
            for r in self._db.rows(OF_THE_DAY_SQL, (child_id, protocol.id, *day))
        ]
        done = [s for s in todays if (s.actual_s or 0.0) >= MIN_MASSAGE_S]
        last_today = max((s.started_at for s in done), default=None)
        kind = protocol.frequency.course
        size = course_size(kind, age_weeks) if kind is not None else None
        lasts = protocol.frequency.course_days
        return CoursePosition(
            protocol_id=protocol.id,
            title=protocol.title,
            sessions=len(course),
            size=size.words if size is not None else None,
            course_complete=size is not None and len(course) >= size.high,
            next_course=next_course(kind, age_weeks) if kind is not None else None,
            day=(today - course[0]).days + 1 if course and lasts is not None else None,
            days=lasts,
            done_today_at=last_today.strftime("%H:%M") if last_today is not None else None,
        )

    def last_massage(self, child_id: int) -> str | None:
        """'Last massage: <protocol>, <when>.' for the child, or None before the first."""
        found = self._db.rows(LAST_FINISHED_SQL, (child_id,))
        if not found:
            return None
        last = session_from_row(found[0])
        when = when_words(last.started_at, self._now())
        how = "" if last.outcome is Outcome.COMPLETED else f" ({_OUTCOME_WORDS[last.outcome]})"
        return f"Last massage: {last.protocol_title}, {when}{how}."

    def _course(self, child_id: int, protocol_id: str, today: date) -> list[date]:
        rows = self._db.stream(NEWEST_OF_COURSE_SQL, (child_id, protocol_id))
        return course_days(((date.fromisoformat(r[0]), counted(*r[1:])) for r in rows), today)


_OUTCOME_WORDS = {
    Outcome.COMPLETED: "completed",
    Outcome.FINISHED_GENTLY: "finished gently",
    Outcome.STOPPED: "stopped",
    Outcome.INTERRUPTED: "interrupted",
    None: "not finished",
}


def when_words(moment: datetime, now: datetime) -> str:
    """'today at 09:10', 'yesterday at 18:05', '3 days ago (Mon 3 March)' or '3 March 2024'."""
    local = moment.astimezone(now.tzinfo) if now.tzinfo else moment
    days = (now.date() - local.date()).days
    clock = local.strftime("%H:%M")
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    if 1 < days < 7:
        return f"{days} days ago ({local:%a} {local.day} {local:%B})"
    return f"{local.day} {local:%B %Y}"


def _daily(sessions: Sequence[StoredSession], protocol: Protocol, today: date, name: str) -> str:
    limit = protocol.frequency.per_day
    today_count = sum(
        1 for s in sessions if _day(s) == today and (s.actual_s or 0.0) >= MIN_MASSAGE_S
    )
    if today_count < limit:
        return ""
    if limit == 1:
        return f"{name} has already had {protocol.title} today. It is meant once a day."
    return (
        f"{name} has already had {protocol.title} {today_count} times today. "
        f"It is meant at most {limit} times a day."
    )


def _course_length(course: Sequence[date], protocol: Protocol, today: date, lasts_days: int) -> str:
    if not course:
        return ""
    began = course[0]
    days = (today - began).days
    if days < lasts_days:
        return ""
    return (
        f"This course of {protocol.title} began {days} days ago, on {began.day} "
        f"{began:%B}. A course lasts about {lasts_days} days: ask your doctor before going on."
    )


def _day(session: StoredSession) -> date:
    return session.started_at.date()
