"""What the start view says about one protocol: what it is for, how long, what to have ready."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from massage_desktop.plan import Plan, PlanRefused, plan
from massage_desktop.program_plan import plan_program
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_words import course_words, prescriber_words
from massage_desktop.timing import timing_lines
from massage_desktop.ui.setup.age_input import age_words
from massage_desktop.ui.widgets.rich_text import escape


@dataclass(frozen=True, slots=True)
class Fit:
    """Whether a protocol (or a child's program of it) fits a child of this age: the plan, or
    the reason it does not."""

    protocol: Protocol
    plan: Plan | None
    reason: str = ""
    program: Program | None = None

    @property
    def key(self) -> str:
        """How the start view names it: the protocol's id, or 'program:' and the program's."""
        return f"program:{self.program.id}" if self.program else self.protocol.id

    @property
    def title(self) -> str:
        """The program's title, or the protocol's."""
        return self.program.title if self.program else self.protocol.title

    @property
    def fits(self) -> bool:
        """Whether the protocol can be done at this age."""
        return self.plan is not None


def fit(
    protocol: Protocol,
    age_weeks: float,
    session_number: int | None = None,
    program: Program | None = None,
) -> Fit:
    """Plan `protocol`, or `program` made from it, for this age (safety is checked later); a
    refusal keeps its reason."""
    try:
        if program is not None:
            made = plan_program(protocol, program, age_weeks, session_number)
            return Fit(protocol, made, program=program)
        return Fit(protocol, plan(protocol, age_weeks, session_number))
    except PlanRefused as refused:
        return Fit(protocol, None, _sentence(refused.reason), program)


def minutes_words(seconds: float) -> str:
    """A length as a parent would say it: 'about 12 minutes'."""
    minutes = max(1, math.ceil(seconds / 60 - 0.25))
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def summary_line(f: Fit) -> str:
    """One line under the title in the list: length and steps, or why not."""
    mark = "Program · " if f.program else ""
    if f.plan is None:
        return f"{mark}Not now: {f.reason}" if f.program else f"Not at this age: {f.reason}"
    return f"{mark}{minutes_words(f.plan.total_s)} · {len(f.plan.steps)} steps"


def details_html(f: Fit, warnings: Sequence[str] = ()) -> str:
    """The details pane for one protocol, as simple rich text."""
    p = f.protocol
    parts = [f"<h2>{escape(f.title)}</h2>", f"<p>{escape(p.purpose)}</p>"]
    if f.program is not None:
        parts += _program_lines(f.program, p)
    upper = age_words(p.age.max_weeks)
    ages = (
        f"From birth to {upper}."
        if p.age.min_weeks == 0
        else f"For ages {age_words(p.age.min_weeks)} to {upper}."
    )
    if f.plan is None:
        parts.append(f"<p><b>Not at this age.</b> {escape(f.reason)}</p>")
    else:
        length = f"{minutes_words(f.plan.total_s).capitalize()}, {len(f.plan.steps)} steps."
        parts.append(f"<p><b>{escape(length)}</b> {escape(ages)}</p>")
    parts += [f"<p><b>{escape(w)}</b></p>" for w in warnings]
    parts += _bullets("When", timing_lines(p))
    if p.frequency.note:
        parts += _bullets("How often", [p.frequency.note])
    parts += _bullets("Have ready", p.supplies)
    parts += _bullets("Before you begin", p.preparation)
    parts += _bullets("Good to know", p.notes)
    return "\n".join(parts)


def _program_lines(program: Program, protocol: Protocol) -> list[str]:
    who = prescriber_words(program.prescribed_by)
    lines = [f"A child's own program, made from {protocol.title}."]
    if who:
        lines.append(f"Prescribed by {who}.")
    lines.append(f"{course_words(program.course).capitalize()}.")
    out = [f"<p>{escape(' '.join(lines))}</p>"]
    if program.note:
        out.append(f"<p><i>From your therapist: {escape(program.note)}</i></p>")
    return out


def _bullets(heading: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return [f"<h3>{escape(heading)}</h3><ul>{rows}</ul>"]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."
