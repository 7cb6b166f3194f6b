"""A child's course report: the sessions over a time as a chart and a table, minutes massaged
against planned, outcomes and cues, and where each course stands (session 6 of 10).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from massage_desktop.course_chart import OUTCOME_WORDS, ChartPoint
from massage_desktop.courses import course_size
from massage_desktop.protocol.models import CourseKind, Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.store.children import Child, age_weeks
from massage_desktop.store.course import counts, course_days
from massage_desktop.store.export import age_words, clock
from massage_desktop.store.history import History, Outcome, StoredSession
from massage_desktop.store.visit import Visit


@dataclass(frozen=True, slots=True)
class CourseInfo:
    """What a course needs to know of a massage: its title, and its size when a program sets it
    or the protocol's schedule kind otherwise."""

    title: str
    sessions: int | None = None
    kind: CourseKind | None = None


def course_infos(
    protocols: Mapping[str, Protocol], programs: Iterable[Program]
) -> dict[str, CourseInfo]:
    """Each massage's title and course size, by course key: the protocols, then the programs."""
    infos = {pid: CourseInfo(p.title, None, p.frequency.course) for pid, p in protocols.items()}
    for program in programs:
        infos[f"program:{program.id}"] = CourseInfo(program.title, program.course.sessions)
    return infos


@dataclass(frozen=True, slots=True)
class CourseReport:
    """The course report as plain data: facts, chart points, a row per session, positions."""

    title: str
    facts: tuple[tuple[str, str], ...]
    points: tuple[ChartPoint, ...]
    rows: tuple[tuple[str, str, str, str, str], ...]
    positions: tuple[tuple[str, str], ...]
    footer: str


def chart_points(sessions: Sequence[StoredSession]) -> tuple[ChartPoint, ...]:
    """The chart's points of `sessions` (loaded with their pauses for the cues)."""
    return tuple(
        ChartPoint(
            day=s.started_at.date(),
            minutes=(s.actual_s or 0.0) / 60,
            planned=s.planned_s / 60,
            outcome=s.outcome.value if s.outcome else "",
            cues=sum(1 for p in s.pauses if p.cue),
        )
        for s in sessions
    )


def course_report(
    history: History,
    child: Child,
    printed: datetime,
    courses: Mapping[str, CourseInfo],
    first: date | None = None,
    last: date | None = None,
    visit: Visit | None = None,
) -> CourseReport:
    """The report of `child`'s sessions from `first` to `last` (both included, open if None).

    `courses` tells, by course_key, each massage's title and course size.
    """
    everything = history.sessions(child_id=child.id, details=True)
    end = last or printed.date()
    shown = [s for s in everything if _within(s, first, end)]
    return CourseReport(
        title=f"Massage course: {child.name}",
        facts=_facts(child, shown, first, end, visit or Visit()),
        points=chart_points(shown),
        rows=tuple(_row(s, courses) for s in shown),
        positions=tuple(_positions([s for s in everything if _within(s, None, end)], courses, end)),
        footer=f"Printed {printed.day} {printed:%B %Y} at {printed:%H:%M}.",
    )


def _within(session: StoredSession, first: date | None, last: date) -> bool:
    day = session.started_at.date()
    return (first is None or day >= first) and day <= last


def course_key(session: StoredSession) -> str:
    """Which course a session belongs to: 'program:ID' for a program's, else its protocol id."""
    return f"program:{session.program_id}" if session.program_id else session.protocol_id


def _name(session: StoredSession, courses: Mapping[str, CourseInfo]) -> str:
    if session.program_id:
        info = courses.get(course_key(session))
        return info.title if info else f"{session.protocol_title} (program {session.program_id})"
    return session.protocol_title


def _row(s: StoredSession, courses: Mapping[str, CourseInfo]) -> tuple[str, str, str, str, str]:
    outcome = OUTCOME_WORDS.get(s.outcome.value, "") if s.outcome else "not finished"
    cues = sorted({p.cue.replace("-", " ") for p in s.pauses if p.cue})
    return (
        f"{s.started_at.day} {s.started_at:%b %Y}",
        _name(s, courses),
        f"{clock(s.actual_s) or '?'} of {clock(s.planned_s)}",
        outcome,
        ", ".join(cues) or "-",
    )


def _facts(
    child: Child, shown: Sequence[StoredSession], first: date | None, end: date, visit: Visit
) -> tuple[tuple[str, str], ...]:
    since = f"{_day(first)} to " if first else "up to "
    done = sum((s.actual_s or 0.0) for s in shown) / 60
    planned = sum(s.planned_s for s in shown) / 60
    share = f" ({done / planned:.0%})" if planned else ""
    counts = {o: sum(1 for s in shown if s.outcome is o) for o in Outcome}
    outcomes = ", ".join(f"{n} {OUTCOME_WORDS[o.value]}" for o, n in counts.items() if n)
    facts = [
        ("Child", f"{child.name}, born {_day(child.born)}, now {age_words(age_weeks(child, end))}"),
        ("Time", f"{since}{_day(end)}"),
        ("Sessions", f"{len(shown)}" + (f": {outcomes}" if outcomes else "")),
        ("Minutes", f"{done:.0f} massaged of {planned:.0f} planned{share}"),
    ]
    if visit.therapist:
        contact = f" ({visit.contact})" if visit.contact else ""
        facts.insert(1, ("Therapist", f"{visit.therapist}{contact}"))
    return tuple(facts)


def _positions(
    sessions: Sequence[StoredSession], courses: Mapping[str, CourseInfo], today: date
) -> list[tuple[str, str]]:
    keys = list(dict.fromkeys(map(course_key, sessions)))
    out = []
    for key in keys:
        own = [s for s in sessions if course_key(s) == key]
        newest_first = sorted(own, key=lambda s: s.started_at, reverse=True)
        running = course_days(((s.started_at.date(), counts(s)) for s in newest_first), today)
        info = courses.get(key)
        out.append((_name(own[-1], courses), _position_words(len(running), info, own[-1])))
    return out


def _position_words(done: int, info: CourseInfo | None, last: StoredSession) -> str:
    if done == 0:
        return "no course running (none counted in the last two weeks)"
    if info is not None and info.sessions:
        if done >= info.sessions:
            return f"the course of {info.sessions} sessions is complete ({done} done)"
        return f"session {done} of {info.sessions} done"
    size = course_size(info.kind, last.age_weeks) if info is not None and info.kind else None
    if size is None:
        return f"{done} session{'s' if done != 1 else ''} in the course so far"
    if done >= size.high:
        return f"the course of {size.words} sessions is complete ({done} done)"
    return f"session {done} of {size.words} done"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
