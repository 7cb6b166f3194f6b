"""A clinician's review sheet of one protocol: every step, every deviation, every rule.

Plain data, no Qt: `massage-desktop review` prints it as text or JSON, and lays it out as a PDF
for a physiotherapist to read and sign off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from massage_desktop.bodymap import ZONES
from massage_desktop.conditions import CONDITIONS, Condition, Scope, Severity
from massage_desktop.courses import schedule_words
from massage_desktop.protocol.age_rules import effective_min_age, weeks_words
from massage_desktop.protocol.models import Basis, Protocol, Step
from massage_desktop.record import Cue
from massage_desktop.rhymes import RHYMES
from massage_desktop.safety import relevant_conditions
from massage_desktop.techniques import TECHNIQUES
from massage_desktop.timing import timing_lines

BASIS_WORDS = {
    Basis.SOURCE: "as the source gives it",
    Basis.PRACTICE: "common infant-massage practice, not in the source",
    Basis.SAFETY: "changed from the source for the child's safety",
}
SEVERITY_WORDS = {
    Severity.POSTPONE: "postpone",
    Severity.ASK_DOCTOR: "ask the doctor first",
    Severity.SPECIALIST: "specialist only",
    Severity.DOCTOR_NOW: "see a doctor now",
}


@dataclass(frozen=True, slots=True)
class ReviewStep:
    """One step as a reviewer reads it."""

    id: str
    stage: str
    title: str
    position: str
    zones: tuple[str, ...]
    points: tuple[str, ...]
    avoid: tuple[str, ...]
    technique: str
    direction: str
    count: str
    sides: str
    ages: str
    instruction: str
    rhyme: str
    cautions: tuple[str, ...]
    basis: str
    why: str
    exception: str


@dataclass(frozen=True, slots=True)
class ReviewDeviation:
    """A place the protocol differs from the source: the step or condition (if one), what,
    and why."""

    step: str | None
    what: str
    why: str
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewRule:
    """A contraindication or stop rule: its id, words, what it means, and the advice."""

    id: str
    label: str
    severity: str
    advice: str


@dataclass(frozen=True, slots=True)
class ReviewSheet:
    """Everything a clinician needs to check one protocol against the source."""

    protocol: str
    version: int
    title: str
    facts: tuple[tuple[str, str], ...]
    steps: tuple[ReviewStep, ...]
    deviations: tuple[ReviewDeviation, ...]
    contraindications: tuple[ReviewRule, ...]
    stop_rules: tuple[ReviewRule, ...]
    during: tuple[str, ...]


def review(protocol: Protocol) -> ReviewSheet:
    """The review sheet of `protocol`."""
    steps = tuple(
        _step(stage.title, step, protocol) for stage in protocol.stages for step in stage.steps
    )
    relevant = relevant_conditions(protocol, protocol.age.min_weeks)
    return ReviewSheet(
        protocol=protocol.id,
        version=protocol.version,
        title=protocol.title,
        facts=_facts(protocol),
        steps=steps,
        deviations=deviations(protocol),
        contraindications=tuple(_rule(c) for c in relevant if c.scope is Scope.GENERAL),
        stop_rules=tuple(_rule(c) for c in relevant if c.scope is Scope.PROTOCOL),
        during=_during(protocol),
    )


def deviations(protocol: Protocol) -> tuple[ReviewDeviation, ...]:
    """The protocol's recorded deviations, then each step not plainly from the source."""
    found = [ReviewDeviation(d.step, d.what, d.why, d.condition) for d in protocol.deviations]
    named = {d.step for d in protocol.deviations}
    for step in protocol.steps:
        if step.basis is not Basis.SOURCE and step.id not in named:
            what = f"{step.title}: {BASIS_WORDS[step.basis]}."
            found.append(ReviewDeviation(step.id, what, step.why))
        if step.exception is not None:
            label = TECHNIQUES[step.technique].label
            usual = weeks_words(TECHNIQUES[step.technique].min_age_weeks)
            early = weeks_words(step.exception.technique_from_weeks)
            what = f"{step.title}: {label} from {early}, before the usual {usual}."
            found.append(ReviewDeviation(step.id, what, step.exception.why))
    return tuple(found)


def sheet_json(sheet: ReviewSheet) -> dict[str, Any]:
    """The documented JSON shape: protocol, version, steps (with basis and why), deviations."""
    data = asdict(sheet)
    data["facts"] = [{"label": k, "value": v} for k, v in sheet.facts]
    return data


def sheet_text(sheet: ReviewSheet) -> str:
    """The sheet as plain text for a terminal."""
    lines = [f"Review: {sheet.title} ({sheet.protocol}, version {sheet.version})", ""]
    lines += [f"{label}: {value}" for label, value in sheet.facts]
    lines.append("\nSteps")
    for n, s in enumerate(sheet.steps, start=1):
        lines.append(f"{n:>2}. {s.title} [{s.id}] ({s.stage})")
        lines.append(f"    {s.position}; {s.technique}; {s.count}; {s.sides}; {s.ages}")
        lines.append(f"    zones: {', '.join(s.zones)}" + _also("points", s.points))
        lines.append(f"    keeps off: {', '.join(s.avoid) or '-'}")
        if s.direction:
            lines.append(f"    direction: {s.direction}")
        lines.append(f"    says: {s.instruction}")
        if s.rhyme:
            lines.append(f"    rhyme: {s.rhyme}")
        lines += [f"    caution: {c}" for c in s.cautions]
        lines.append(f"    basis: {s.basis}" + (f" - {s.why}" if s.why else ""))
        if s.exception:
            lines.append(f"    exception: {s.exception}")
    lines.append("\nDeviations from the source")
    for d in sheet.deviations:
        about = d.step or d.condition
        lines.append(f"  - {d.what}" + (f" [{about}]" if about else ""))
        lines.append(f"    why: {d.why}")
    lines.append("\nContraindications")
    lines += [f"  - {r.label} ({r.severity}): {r.advice}" for r in sheet.contraindications]
    lines.append("\nStop rules of this massage")
    lines += [f"  - {r.label} ({r.severity}): {r.advice}" for r in sheet.stop_rules] or ["  none"]
    lines.append("\nDuring the session")
    lines += [f"  - {line}" for line in sheet.during]
    return "\n".join(lines) + "\n"


def _also(name: str, items: tuple[str, ...]) -> str:
    return f"; {name}: {', '.join(items)}" if items else ""


def _step(stage: str, step: Step, protocol: Protocol) -> ReviewStep:
    rhyme = ""
    if step.rhyme is not None:
        rhyme = f"{RHYMES[step.rhyme].title}: {step.gesture_text}"
    exception = ""
    if step.exception is not None:
        early = weeks_words(step.exception.technique_from_weeks)
        exception = f"{TECHNIQUES[step.technique].label} from {early}: {step.exception.why}"
    return ReviewStep(
        id=step.id,
        stage=stage,
        title=step.title,
        position=step.position.value,
        zones=tuple(ZONES[z].label for z in step.zones),
        points=tuple(ZONES[p].label for p in step.points),
        avoid=tuple(ZONES[a].label for a in step.avoid),
        technique=TECHNIQUES[step.technique].label,
        direction=step.direction,
        count=_count(step),
        sides=step.sides.value,
        ages=_ages(protocol, step),
        instruction=step.instruction,
        rhyme=rhyme,
        cautions=step.cautions,
        basis=step.basis.value,
        why=step.why,
        exception=exception,
    )


def _count(step: Step) -> str:
    fixed = ", never scaled" if step.fixed_count else ""
    if step.rounds_of and not step.fixed_count:
        fixed = f", scaled in whole rounds of {step.rounds_of}"
    if step.duration_s is not None:
        return f"{step.duration_s:g} s{fixed}"
    return f"{step.repetitions} x {step.tempo_s:g} s{fixed}"


def _ages(protocol: Protocol, step: Step) -> str:
    low = max(protocol.age.min_weeks, effective_min_age(step))
    high = protocol.age.max_weeks
    if step.max_age_weeks is not None:
        high = min(high, step.max_age_weeks)
    if low == protocol.age.min_weeks and high == protocol.age.max_weeks:
        return "every age of the protocol"
    return f"{weeks_words(low)} to {weeks_words(high)}"


def _facts(p: Protocol) -> tuple[tuple[str, str], ...]:
    facts = [
        ("Purpose", p.purpose),
        ("Kind", f"{p.kind.value}, {p.category}"),
        ("Ages", f"{weeks_words(p.age.min_weeks)} to {weeks_words(p.age.max_weeks)}"),
        ("Session length", _lengths(p)),
        ("First sessions", _ramp(p)),
        ("How often", _frequency(p)),
        ("When", " ".join(timing_lines(p))),
        ("Have ready", "; ".join(p.supplies) or "-"),
        ("Before", " ".join(p.preparation) or "-"),
        ("Notes", " ".join(p.notes) or "-"),
        ("Spoken at the start", p.welcome),
        ("Spoken at the end", p.closing),
    ]
    if p.variants:
        named = "; ".join(f"{v.title} ({v.id})" for v in p.variants)
        facts.append(("Also listed as", named))
    return tuple(facts)


def _lengths(p: Protocol) -> str:
    parts = []
    for rule in p.session_length:
        low = max(rule.from_weeks, p.age.min_weeks)
        if low > p.age.max_weeks or rule.to_weeks <= p.age.min_weeks:
            continue
        if rule.to_weeks > p.age.max_weeks:
            parts.append(f"from {weeks_words(low)}: {rule.minutes:g} min")
        else:
            parts.append(
                f"{weeks_words(low)} up to {weeks_words(rule.to_weeks)}: {rule.minutes:g} min"
            )
    return "; ".join(parts)


def _ramp(p: Protocol) -> str:
    if p.ramp is None:
        return "2.5 min, then 1 min more each session (the default)"
    return f"{p.ramp.first_minutes:g} min, then {p.ramp.add_minutes:g} min more each session"


def _frequency(p: Protocol) -> str:
    f = p.frequency
    words = [f"up to {f.per_day} a day" if f.per_day > 1 else "once a day"]
    if f.course_days:
        words.append(f"a course of about {f.course_days} days")
    if f.course is not None:
        words.append(f"{f.course.value} {schedule_words(f.course)}")
    if f.note:
        words.append(f.note)
    return "; ".join(words)


def _rule(c: Condition) -> ReviewRule:
    return ReviewRule(c.id, c.label, SEVERITY_WORDS[c.severity], c.advice)


def _during(p: Protocol) -> tuple[str, ...]:
    cues = ", ".join(cue.value.replace("-", " ") for cue in Cue)
    waived = _labels(p.waives)
    lines = [
        f"Pause at any sign of unease ({cues}). One sign: slow down; two or more: stop. "
        "The window then offers to resume, skip the area, finish gently or end.",
        "Every session begins and ends with stroking; 'finish gently' goes to the closing strokes.",
    ]
    if waived:
        lines.append(f"Not a reason to wait for this massage: {waived}.")
    return tuple(lines)


def _labels(ids: Iterable[str]) -> str:
    return "; ".join(CONDITIONS[i].label for i in ids)
