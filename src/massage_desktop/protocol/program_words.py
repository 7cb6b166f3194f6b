"""A program in plain words: what it keeps, leaves out and changes, how often, and who made it."""

from __future__ import annotations

from collections import Counter
from datetime import date

from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import CoursePlan, Prescriber, Program, SharedChild
from massage_desktop.techniques import TECHNIQUES

_TIMES = {1: "once", 2: "twice"}


def date_words(day: date) -> str:
    """'3 December 2025' for a date."""
    return f"{day.day} {day:%B %Y}"


def course_words(course: CoursePlan) -> str:
    """'5 days a week, once a day; a course of 10 sessions'."""
    days = "every day" if course.days_per_week == 7 else f"{course.days_per_week} days a week"
    times = _TIMES.get(course.per_day, f"{course.per_day} times")
    return f"{days}, {times} a day; a course of {course.sessions} sessions"


def prescriber_words(who: Prescriber) -> str:
    """'Anna Berg (0123 456 789)', or '' when nobody is named."""
    if not who.name:
        return who.contact
    return f"{who.name} ({who.contact})" if who.contact else who.name


def child_words(child: SharedChild) -> str:
    """'Bee, born 3 December 2025, 3 weeks early; lasting conditions: none'."""
    early = f", {child.weeks_early} weeks early" if child.weeks_early else ""
    conditions = ", ".join(child.conditions) or "none"
    return f"{child.name}, born {date_words(child.born)}{early}; lasting conditions: {conditions}"


def step_labels(protocol: Protocol) -> dict[str, str]:
    """Each step's title, with its technique where two steps share a title: 'Chest (rubbing)'."""
    seen = Counter(step.title for step in protocol.steps)
    return {
        step.id: step.title
        if seen[step.title] == 1
        else f"{step.title} ({TECHNIQUES[step.technique].label})"
        for step in protocol.steps
    }


def step_words(program: Program, protocol: Protocol) -> str:
    """'17 of 19 steps; left out: ...; counts: ...; tempo: ...; notes on 2 steps'."""
    titles = step_labels(protocol)
    entries = [e for e in program.steps if e.id in titles]
    kept = [e for e in entries if e.include]
    parts = [f"{len(kept)} of {len(titles)} steps"]
    out = [titles[e.id] for e in entries if not e.include]
    if out:
        parts.append("left out: " + ", ".join(out))
    counts = [f"{titles[e.id]} {e.count} times" for e in kept if e.count is not None]
    if counts:
        parts.append("counts: " + ", ".join(counts))
    tempos = [f"{titles[e.id]} at {e.tempo:g}x" for e in kept if e.tempo != 1.0]
    if tempos:
        parts.append("pace: " + ", ".join(tempos))
    notes = sum(1 for e in kept if e.note)
    if notes:
        parts.append(f"notes on {notes} step{'s' if notes != 1 else ''}")
    return "; ".join(parts)


def summary(program: Program, protocol: Protocol | None) -> list[tuple[str, str]]:
    """The program's facts as (label, words) lines, for a terminal, a dialog or a page."""
    made_from = f"{program.protocol}, version {program.protocol_version}"
    if protocol is not None:
        made_from = f"{protocol.title}, version {program.protocol_version}"
    lines = [("Program", f"{program.title} ({program.id})"), ("Made from", made_from)]
    if protocol is not None:
        lines.append(("Steps", step_words(program, protocol)))
    length = f"up to {program.minutes:g} minutes" if program.minutes else "as the age allows"
    lines += [("Session", length), ("Course", course_words(program.course))]
    who = prescriber_words(program.prescribed_by)
    if who:
        lines.append(("Prescribed by", who))
    if program.shared_child is not None:
        lines.append(("Child", child_words(program.shared_child)))
    elif program.child:
        lines.append(("Child", program.child))
    lines.append(("Made on", date_words(program.created)))
    if program.note:
        lines.append(("Note", program.note))
    return lines
