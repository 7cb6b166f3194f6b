"""What a visit report adds to a session: the therapist, the program, the child's corrected age,
the cues seen, and the planned steps the session never reached (after "finish gently" or a stop).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from massage_desktop.store.children import CORRECT_UNTIL_DAYS, Child
from massage_desktop.store.history import Outcome, StoredSession, StoredStep

WEEKS_PER_MONTH = 52 / 12
UNREACHED_WORDS = {
    Outcome.FINISHED_GENTLY: "skipped: finished gently",
    Outcome.STOPPED: "not reached: stopped",
    Outcome.INTERRUPTED: "not reached: interrupted",
}


@dataclass(frozen=True, slots=True)
class Visit:
    """Who gave the session and from which program, as the report prints them."""

    therapist: str = ""
    contact: str = ""
    program_title: str = ""


def unreached(session: StoredSession) -> list[tuple[int, str, str]]:
    """(index, step id, title) of every planned step the session has no record of."""
    seen = {step.step_index for step in session.steps}
    return [
        (index, step_id, title)
        for index, (step_id, title) in enumerate(session.planned_steps)
        if index not in seen
    ]


def unreached_words(session: StoredSession) -> str:
    """How a planned step the session never reached is described."""
    if session.outcome is None:
        return "not reached yet"
    return UNREACHED_WORDS.get(session.outcome, "not reached")


def in_plan_order(
    session: StoredSession,
) -> Iterator[StoredStep | tuple[int, str, str]]:
    """The recorded steps in the order they happened, each step never reached placed where it
    would have come: before the first recorded step that comes after it in the plan."""
    waiting = unreached(session)
    for step in session.steps:
        while waiting and waiting[0][0] < step.step_index:
            yield waiting.pop(0)
        yield step
    yield from waiting


def corrected_age_words(session: StoredSession, child: Child | None, age: str) -> str:
    """The age the session used (`age` in words), saying when it is corrected for prematurity."""
    if child is None or not child.weeks_early:
        return age
    born_days = (session.started_at.date() - child.born).days
    if born_days >= CORRECT_UNTIL_DAYS:
        return age
    since = _since_birth(child, session.started_at.date())
    return f"{age} (corrected: born {child.weeks_early} weeks early; {since} since birth)"


def _since_birth(child: Child, day: date) -> str:
    weeks = (day - child.born).days / 7
    if weeks < 13:
        return f"{weeks:.0f} weeks"
    return f"{weeks / WEEKS_PER_MONTH:.1f} months"


def cue_words(session: StoredSession) -> str:
    """The baby's cues the session recorded, each once: 'crying, yawning' or 'none'."""
    cues = dict.fromkeys(p.cue.replace("-", " ") for p in session.pauses if p.cue)
    return ", ".join(cues) or "none"
