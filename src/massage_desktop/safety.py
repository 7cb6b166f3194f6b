"""Safety screening: today's state and lasting conditions decide whether a session may start."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from massage_desktop.conditions import CONDITIONS, Condition, Scope, Severity, condition
from massage_desktop.protocol.models import Protocol


class Verdict(StrEnum):
    """The answer of the screening, from fine to most urgent."""

    GO = "go"
    POSTPONE = "postpone"
    ASK_DOCTOR = "ask-the-doctor-first"
    SPECIALIST = "specialist-only"
    DOCTOR_NOW = "see-a-doctor-now"


_BY_SEVERITY = {
    Severity.POSTPONE: Verdict.POSTPONE,
    Severity.ASK_DOCTOR: Verdict.ASK_DOCTOR,
    Severity.SPECIALIST: Verdict.SPECIALIST,
    Severity.DOCTOR_NOW: Verdict.DOCTOR_NOW,
}

HEADLINES = {
    Verdict.GO: "Good to go.",
    Verdict.POSTPONE: "Not today. Postpone the massage.",
    Verdict.ASK_DOCTOR: "Not yet. Ask your child's doctor first.",
    Verdict.SPECIALIST: "Not at home. This needs a massage specialist.",
    Verdict.DOCTOR_NOW: "Do not massage. See a doctor now.",
}


@dataclass(frozen=True, slots=True)
class Screening:
    """The verdict and, for each condition that counted, a plain-words reason."""

    verdict: Verdict
    reasons: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        """One sentence for the top of the safety check."""
        return HEADLINES[self.verdict]


def applies(protocol: Protocol, cond: Condition) -> bool:
    """Whether `cond` rules anything out for `protocol`."""
    if cond.scope is Scope.PROTOCOL:
        return cond.id in protocol.contraindications
    if cond.only_kind and cond.only_kind != protocol.kind.value:
        return False
    return cond.id not in protocol.waives


def relevant_conditions(
    protocol: Protocol, age_weeks: float | None = None
) -> tuple[Condition, ...]:
    """The conditions a safety check for `protocol` must ask about (at this age, if given)."""
    return tuple(
        c
        for c in CONDITIONS.values()
        if applies(protocol, c)
        and (age_weeks is None or c.ask_until_weeks is None or age_weeks < c.ask_until_weeks)
    )


def screen(protocol: Protocol, present: Iterable[str]) -> Screening:
    """Screen `protocol` against the conditions present today or standing; unknown ids raise."""
    counted = [c for c in map(condition, dict.fromkeys(present)) if applies(protocol, c)]
    if not counted:
        return Screening(Verdict.GO)
    worst = max(c.severity for c in counted)
    ordered = sorted(counted, key=lambda c: -c.severity)
    return Screening(_BY_SEVERITY[worst], tuple(f"{c.label}: {c.advice}" for c in ordered))
