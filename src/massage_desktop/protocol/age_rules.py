"""Age rules of a step: the ages it may run must suit its technique, zones, points and position.

A step runs between its own ages and its protocol's. Every age in that window must be one its
technique, zones, points and position allow: a rule that would forbid it at some of those ages
is an error, so the file says the age itself and a reader never has to work it out. A step no
age of its protocol can reach is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from massage_desktop.bodymap import ZONES
from massage_desktop.protocol.models import POSITION_FROM_WEEKS, Protocol, Step
from massage_desktop.techniques import TECHNIQUES

Loc = tuple[str | int, ...]
NO_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem of a protocol: where (a field path), what, and whether it is only a warning."""

    loc: Loc
    message: str
    warning: bool = False


@dataclass(frozen=True, slots=True)
class AgeNeed:
    """A youngest age one part of a step needs: the field it comes from, the age, the reason."""

    field: Loc
    weeks: int
    why: str


def weeks_words(weeks: float) -> str:
    """An age for people: weeks under 3 months, then months, then years."""
    if weeks < 13:
        return f"{weeks:g} week{'' if weeks == 1 else 's'}"
    months = weeks * 12 / 52
    return f"{months:.0f} months" if months < 23.5 else f"{round(months / 12, 1):g} years"


def needs(step: Step) -> list[AgeNeed]:
    """Every age rule of the step's technique, zones, points and position that starts after 0."""
    found: list[AgeNeed] = []
    tech = TECHNIQUES[step.technique]
    if step.technique_from_weeks:
        how = "here, by the source's own exception" if step.exception else ""
        why = f"{tech.label} is for children from {weeks_words(step.technique_from_weeks)}"
        found.append(AgeNeed(("technique",), step.technique_from_weeks, f"{why} {how}".strip()))
    for field in ("zones", "points"):
        for k, zid in enumerate(getattr(step, field)):
            zone = ZONES[zid]
            if zone.from_age_weeks:
                found.append(AgeNeed((field, k), zone.from_age_weeks, zone.why))
    position_weeks = POSITION_FROM_WEEKS.get(step.position, 0)
    if position_weeks:
        why = f"{step.position.value} is for children from {weeks_words(position_weeks)}"
        found.append(AgeNeed(("position",), position_weeks, why))
    return found


def effective_min_age(step: Step) -> int:
    """The youngest age in weeks a step suits: its own, and every rule of its parts."""
    return max([step.min_age_weeks, *(need.weeks for need in needs(step))])


def window(protocol: Protocol, step: Step) -> tuple[int, int]:
    """The ages in weeks the step may run, by its own ages and the protocol's (both included)."""
    low = max(protocol.age.min_weeks, step.min_age_weeks)
    high = protocol.age.max_weeks
    if step.max_age_weeks is not None:
        high = min(high, step.max_age_weeks)
    return low, high


def check_step_ages(protocol: Protocol, loc: Loc, step: Step) -> Iterator[Finding]:
    """Errors for a step whose ages let a rule be broken; a warning when it can never run."""
    low, high = window(protocol, step)
    if low > high:
        return  # the protocol-level age checks say why
    found = needs(step)
    latest = max(found, key=lambda need: need.weeks, default=None)
    if latest is not None and latest.weeks > high:
        yield Finding(
            (*loc, *latest.field),
            (
                f"this step can never run: {latest.why}, and the protocol ends at "
                f"{weeks_words(high)}; remove the step or record why it stays"
            ),
            warning=True,
        )
        return
    for need in found:
        if need.weeks > low:
            yield Finding(
                (*loc, *need.field),
                (
                    f"{need.why}, but this step may run from {weeks_words(low)}: "
                    f"set min_age_weeks = {need.weeks}"
                ),
            )
    if step.exception is not None:
        usual = TECHNIQUES[step.technique].min_age_weeks
        if step.exception.technique_from_weeks >= usual:
            yield Finding(
                (*loc, "exception", "technique_from_weeks"),
                (
                    f"{step.technique} is already allowed from {usual} weeks; an exception "
                    "only ever allows an earlier age"
                ),
            )
