"""The handout a parent takes home: a cover, the safety check, then every step with its picture.

Plain data, no Qt: `handout_html` lays it out, the Qt layer draws each step's diagram (from
`handout_diagram.step_svg`) and prints it to PDF.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from massage_desktop.bodymap import Side
from massage_desktop.checklist import condition_groups, preparation_items
from massage_desktop.diagram import caption_for
from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.protocol.age_rules import weeks_words
from massage_desktop.protocol.models import Position, Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_words import (
    course_words,
    date_words,
    prescriber_words,
    step_labels,
)
from massage_desktop.record import Cue
from massage_desktop.timing import timing_lines

POSITION_WORDS = {
    Position.ON_BACK: "lying on the back",
    Position.ON_TUMMY: "lying on the tummy",
    Position.ON_SIDE: "lying on the side",
    Position.LAP: "face down across your lap",
    Position.SITTING: "sitting",
    Position.UPRIGHT: "held upright",
    Position.STANDING: "standing",
}
_PAIRED = (Side.LEFT, Side.RIGHT)


@dataclass(frozen=True, slots=True)
class HandoutStep:
    """One step as the parent reads it, with the planned step its picture is drawn from."""

    number: int
    title: str
    where: str
    how: str
    count: str
    instruction: str
    note: str
    cautions: tuple[str, ...]
    picture: PlannedStep


@dataclass(frozen=True, slots=True)
class Handout:
    """Everything printed: cover facts, the safety check, the steps, and what is left out."""

    title: str
    cover: tuple[tuple[str, str], ...]
    when: tuple[str, ...]
    not_today: tuple[str, ...]
    specialist_only: tuple[str, ...]
    stop_rules: tuple[tuple[str, str], ...]
    preparation: tuple[str, ...]
    stop_signs: str
    steps: tuple[HandoutStep, ...]
    left_out: tuple[str, ...]
    age_weeks: float
    footer: str


def handout(
    protocol: Protocol,
    made: Plan,
    today: date,
    program: Program | None = None,
    child: str = "",
) -> Handout:
    """The handout of `made` (a plan of `protocol`, or of `program` made from it)."""
    groups = condition_groups(protocol, made.age_weeks)
    labels = step_labels(protocol)
    steps = tuple(_steps(made.steps, labels))
    return Handout(
        title=program.title if program else protocol.title,
        cover=_cover(protocol, made, today, program, child),
        when=timing_lines(protocol),
        not_today=tuple(c.label for c in groups.today),
        specialist_only=tuple(c.label for c in groups.standing),
        stop_rules=tuple((c.label, c.advice) for c in groups.stop_rules),
        preparation=tuple(p.text for p in preparation_items(protocol, made.age_weeks)),
        stop_signs=_stop_signs(),
        steps=steps,
        left_out=tuple(f"{labels.get(lo.step, lo.step)}: {lo.reason}" for lo in made.left_out),
        age_weeks=made.age_weeks,
        footer=f"{protocol.title}, version {protocol.version}. Printed {date_words(today)}.",
    )


def _cover(
    protocol: Protocol, made: Plan, today: date, program: Program | None, child: str
) -> tuple[tuple[str, str], ...]:
    age = weeks_words(int(made.age_weeks))
    facts = [("For", f"{child}, {age} old" if child else f"a child of {age}")]
    if program is not None:
        who = prescriber_words(program.prescribed_by)
        if who:
            facts.append(("Prescribed by", who))
        facts.append(("Massage", f"{program.title}, made from {protocol.title}"))
        facts.append(("How often", course_words(program.course)))
        if program.note:
            facts.append(("From your therapist", program.note))
    else:
        facts.append(("Massage", protocol.title))
    facts.append(("How long", f"about {round(made.total_s / 60)} minutes, {len(made.steps)} steps"))
    facts.append(("What it is for", protocol.purpose))
    if protocol.supplies:
        facts.append(("Have ready", "; ".join(protocol.supplies)))
    facts.append(("Date", date_words(today)))
    return tuple(facts)


def _stop_signs() -> str:
    signs = ", ".join(cue.value.replace("-", " ") for cue in Cue)
    return (
        f"Watch your baby all the time. Signs of having had enough: {signs}. "
        "One sign: slow down and soothe. Two or more: stop, and finish with a few soothing "
        "strokes or simply hold your baby."
    )


def _steps(planned: Sequence[PlannedStep], labels: dict[str, str]) -> list[HandoutStep]:
    out: list[HandoutStep] = []
    for step_id, group in itertools.groupby(planned, key=lambda s: s.step_id):
        sides = list(group)
        first = sides[0]
        both = {s.side for s in sides} >= set(_PAIRED)
        picture = replace(first, side=Side.BOTH) if both else first
        out.append(
            HandoutStep(
                number=len(out) + 1,
                title=labels.get(step_id, first.title),
                where=_where(sides),
                how=POSITION_WORDS[first.position].capitalize(),
                count=_count(first),
                instruction=first.instruction,
                note=first.note,
                cautions=first.cautions,
                picture=picture,
            )
        )
    return out


def _where(sides: Sequence[PlannedStep]) -> str:
    """'Left arm, then right arm', or the one caption of a step done once."""
    captions = list(dict.fromkeys(caption_for(s) for s in sides))
    return ", then ".join([captions[0], *(c[0].lower() + c[1:] for c in captions[1:])])


def _count(step: PlannedStep) -> str:
    if step.repetitions is None or step.tempo_s is None:
        return f"about {round(step.duration_s)} seconds"
    times = "once" if step.repetitions == 1 else f"{step.repetitions} times"
    return f"{times}, about {step.tempo_s:g} seconds each"
