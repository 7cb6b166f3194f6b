"""Turns a protocol and a child's age into a concrete timed plan with its spoken prompts."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from massage_desktop.ages import WEEKS_PER_MONTH
from massage_desktop.bodymap import Side, forbidden_reason
from massage_desktop.protocol.age_rules import effective_min_age
from massage_desktop.protocol.models import (
    POSITION_FROM_WEEKS,
    Position,
    Protocol,
    Ramp,
    Sides,
    Stage,
    Step,
)
from massage_desktop.safety import Screening, Verdict, screen
from massage_desktop.script import Prompt, build_prompts
from massage_desktop.techniques import TECHNIQUES

if TYPE_CHECKING:
    from massage_desktop.strokes.path import StrokePath

TOLERANCE = 0.10
MIN_DURATION_S = 5.0
# Below half the written count a step is hurried: leave optional steps out instead.
MIN_SCALE = 0.5


class PlanRefused(Exception):
    """The protocol cannot be planned for this child; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotToday(Exception):
    """The safety screening rules the session out; `screening` has the verdict and reasons."""

    def __init__(self, screening: Screening) -> None:
        super().__init__("; ".join(screening.reasons))
        self.screening = screening


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """One step as it will run: one side, a fixed count or duration, and its prompts."""

    id: str
    step_id: str
    stage: str
    title: str
    position: Position
    zones: tuple[str, ...]
    points: tuple[str, ...]
    avoid: tuple[str, ...]
    technique: str
    side: Side
    repetitions: int | None
    tempo_s: float | None
    duration_s: float
    instruction: str
    rhyme: str | None = None
    cautions: tuple[str, ...] = ()
    closing: bool = False
    prompts: tuple[Prompt, ...] = ()
    note: str = ""  # a therapist's note for the parent, from the child's program
    source: Step | None = field(default=None, repr=False, compare=False)  # the protocol's step

    @property
    def path(self) -> StrokePath | None:
        """The hand's way on the diagram, worked out when first asked; None when nothing moves."""
        if self.source is None:
            return None
        # Imported here: paths need the drawings' shapes (about 2 MB once parsed), which a
        # start that only shows the plan's steps never uses.
        from massage_desktop.strokes.derive import step_path

        return step_path(self.source, self.side)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A protocol step that this plan does not include, and why."""

    step: str
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A concrete, timed session for one child."""

    protocol_id: str
    version: int
    title: str
    age_weeks: float
    target_s: float
    steps: tuple[PlannedStep, ...]
    left_out: tuple[LeftOut, ...] = ()
    session_number: int | None = None
    welcome: str = ""
    closing: str = ""
    notes: tuple[str, ...] = field(default=())
    program_id: str = ""  # the child's program this plan runs, if any
    program_title: str = ""

    @property
    def total_s(self) -> float:
        """Massage time of the whole plan, not counting spoken instructions."""
        return sum(step.duration_s for step in self.steps)

    def paths(self) -> tuple[StrokePath | None, ...]:
        """Every step's path, worked out now (each is kept once worked out)."""
        return tuple(step.path for step in self.steps)


def target_seconds(protocol: Protocol, age_weeks: float, session_number: int | None) -> float:
    """The session length for this age, or the ramp's length for this session number."""
    goal = protocol.target_minutes(age_weeks)
    if session_number is None:
        return goal * 60
    ramp = protocol.ramp or Ramp()
    grown = ramp.first_minutes + (session_number - 1) * ramp.add_minutes
    return min(goal, grown) * 60


def plan(
    protocol: Protocol,
    age_weeks: float,
    session_number: int | None = None,
    conditions: Iterable[str] = (),
) -> Plan:
    """The plan of `protocol` for a child of `age_weeks`; raises PlanRefused or NotToday."""
    age = protocol.age
    if age_weeks < age.min_weeks:
        limit, child = _ages_apart(age.min_weeks, age_weeks)
        raise PlanRefused(f"{protocol.title} is for children from {limit}; this child is {child}.")
    if math.floor(age_weeks) > age.max_weeks:
        limit, child = _ages_apart(age.max_weeks, age_weeks)
        raise PlanRefused(f"{protocol.title} is for children up to {limit}; this child is {child}.")
    if session_number is not None and session_number < 1:
        raise PlanRefused("the session number starts at 1")
    screening = screen(protocol, conditions)
    if screening.verdict is not Verdict.GO:
        raise NotToday(screening)
    kept, left_out = _eligible(protocol, age_weeks)
    target = target_seconds(protocol, age_weeks, session_number)
    steps = _fit(_expand(kept), target, left_out)
    steps = _mark_closing(steps)
    steps = build_prompts(steps, protocol.welcome, protocol.closing)
    return Plan(
        protocol_id=protocol.id,
        version=protocol.version,
        title=protocol.title,
        age_weeks=age_weeks,
        target_s=target,
        steps=tuple(steps),
        left_out=tuple(left_out),
        session_number=session_number,
        welcome=protocol.welcome,
        closing=protocol.closing,
        notes=protocol.notes,
    )


def _age_words(weeks: float) -> str:
    if weeks < 13:
        return f"{weeks:g} week{'' if weeks == 1 else 's'}"
    months = weeks / WEEKS_PER_MONTH
    return f"{months:.0f} months" if months < 24 else f"{round(months / 12, 1):g} years"


def _ages_apart(limit: float, age: float) -> tuple[str, str]:
    """An age limit and a child's age in words that tell them apart: weeks when the rounded
    months or years would read the same ("up to 3 months; this child is 3 months")."""
    words = _age_words(limit), _age_words(age)
    if words[0] == words[1]:
        return f"{limit:g} weeks", f"{age:g} weeks"
    return words


def _eligible(
    protocol: Protocol, age_weeks: float
) -> tuple[list[tuple[Stage, Step]], list[LeftOut]]:
    kept: list[tuple[Stage, Step]] = []
    left_out: list[LeftOut] = []
    for stage in protocol.stages:
        for step in stage.steps:
            reason = _why_not(step, age_weeks)
            if reason:
                left_out.append(LeftOut(step.id, reason))
            else:
                kept.append((stage, step))
    return kept, left_out


def _why_not(step: Step, age_weeks: float) -> str | None:
    """Why the step is left out at this age, the most telling reason first; None to keep it."""
    if step.max_age_weeks is not None and math.floor(age_weeks) > step.max_age_weeks:
        return f"this step is for children up to {_age_words(step.max_age_weeks)}"
    if age_weeks >= effective_min_age(step):
        return None
    for zid in (*step.zones, *step.points):
        why = forbidden_reason(zid, step.technique, age_weeks)
        if why:
            return why
    if age_weeks < step.technique_from_weeks:
        label = TECHNIQUES[step.technique].label
        return f"{label} is for children from {_age_words(step.technique_from_weeks)}"
    position = POSITION_FROM_WEEKS.get(step.position, 0)
    if age_weeks < position:
        return f"{step.position.value} is for children from {_age_words(position)}"
    return f"this step is for children from {_age_words(step.min_age_weeks)}"


def _expand(kept: list[tuple[Stage, Step]]) -> list[tuple[PlannedStep, Step]]:
    out: list[tuple[PlannedStep, Step]] = []
    for stage, group in itertools.groupby(kept, key=lambda pair: pair[0]):
        steps = [step for _, step in group]
        if stage.sides is Sides.LEFT_THEN_RIGHT:  # the whole stage on one side, then the other
            for side in (Side.LEFT, Side.RIGHT):
                out += [(_planned(st, stage.title, side, f"{st.id}.{side}"), st) for st in steps]
            continue
        for step in steps:
            out += [(_planned(step, stage.title, side, pid), step) for side, pid in _sides(step)]
    return out


def _sides(step: Step) -> list[tuple[Side, str]]:
    if step.sides is Sides.LEFT_THEN_RIGHT:
        return [(Side.LEFT, f"{step.id}.left"), (Side.RIGHT, f"{step.id}.right")]
    return [(Side.BOTH if step.sides is Sides.BOTH else Side.NONE, step.id)]


def _planned(step: Step, stage: str, side: Side, pid: str) -> PlannedStep:
    return PlannedStep(
        id=pid,
        step_id=step.id,
        stage=stage,
        title=step.title,
        position=step.position,
        zones=step.zones,
        points=step.points,
        avoid=step.avoid,
        technique=step.technique,
        side=side,
        repetitions=step.repetitions,
        tempo_s=step.tempo_s,
        duration_s=step.natural_s,
        instruction=step.instruction,
        rhyme=step.rhyme,
        cautions=step.cautions,
        source=step,
    )


def _fit(
    pairs: list[tuple[PlannedStep, Step]], target: float, left_out: list[LeftOut]
) -> list[PlannedStep]:
    """Scale counts to reach `target`; when time is short, drop optional steps before squeezing."""
    inner = {id(step): step for _, step in pairs[1:-1]}
    for priority in (3, 2):
        for step in reversed([s for s in inner.values() if s.priority == priority]):
            if not _too_squeezed(pairs, target):
                break
            pairs[:] = [pair for pair in pairs if pair[1] is not step]  # every side at once
            left_out.append(LeftOut(step.id, "left out to keep this session short"))
    return _fitted(pairs, target)


def _fitted(pairs: list[tuple[PlannedStep, Step]], target: float) -> list[PlannedStep]:
    """Every step scaled to reach `target`; steps counted in whole rounds (acupressure's ten and
    ten) take the nearest whole round, and the other free steps take up what that leaves."""
    scale = _scale(pairs, target)
    out = [_scaled(ps, step, scale) for ps, step in pairs]
    flexible = [
        k
        for k, (ps, step) in enumerate(pairs)
        if not step.fixed_count and (step.rounds_of or 1) == 1
    ]
    if len(flexible) == len(pairs) or not flexible:
        return out
    settled = sum(p.duration_s for k, p in enumerate(out) if k not in flexible)
    base = sum(pairs[k][0].duration_s for k in flexible)
    rest = max(target - settled, 0.0) / base if base > 0 else scale
    rest = min(max(rest, scale * MIN_SCALE), scale * 2)  # never far from what the others got
    for k in flexible:
        out[k] = _scaled(pairs[k][0], pairs[k][1], rest)
    return out


def _too_squeezed(pairs: list[tuple[PlannedStep, Step]], target: float) -> bool:
    over = _scaled_total(pairs, target) > target * (1 + TOLERANCE)
    return over or _scale(pairs, target) < MIN_SCALE


def _scale(pairs: list[tuple[PlannedStep, Step]], target: float) -> float:
    fixed = sum(ps.duration_s for ps, step in pairs if step.fixed_count)
    free = sum(ps.duration_s for ps, step in pairs if not step.fixed_count)
    if free <= 0:
        return 1.0
    return max(target - fixed, 0.0) / free


def _scaled_total(pairs: list[tuple[PlannedStep, Step]], target: float) -> float:
    return sum(ps.duration_s for ps in _fitted(pairs, target))


def _scaled(ps: PlannedStep, step: Step, scale: float) -> PlannedStep:
    if step.fixed_count:
        return ps
    if ps.repetitions is not None and ps.tempo_s is not None:
        unit = step.rounds_of or 1
        reps = max(unit, round(ps.repetitions * scale / unit) * unit)
        return replace(ps, repetitions=reps, duration_s=reps * ps.tempo_s)
    return replace(ps, duration_s=max(MIN_DURATION_S, round(ps.duration_s * scale, 1)))


def _mark_closing(steps: list[PlannedStep]) -> list[PlannedStep]:
    """Mark the closing soothing strokes (the last step, always stroking) for 'finish gently'."""
    return [*steps[:-1], replace(steps[-1], closing=True)] if steps else steps
