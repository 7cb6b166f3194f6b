"""Contraindications and stop rules: what rules out a massage today, at home, or at all."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Final


class Severity(IntEnum):
    """How far a condition rules a massage out; a larger value wins."""

    POSTPONE = 1
    ASK_DOCTOR = 2
    SPECIALIST = 3
    DOCTOR_NOW = 4


class Scope(StrEnum):
    """Whether a condition applies to every protocol, or only to those that name it."""

    GENERAL = "general"
    PROTOCOL = "protocol"


class Kind(StrEnum):
    """Whether a condition is about today or a lasting diagnosis."""

    TODAY = "today"
    STANDING = "standing"


@dataclass(frozen=True, slots=True)
class Condition:
    """One reason not to massage, in words a parent understands."""

    id: str
    label: str
    severity: Severity
    advice: str
    scope: Scope = Scope.GENERAL
    kind: Kind = Kind.TODAY
    # Only protocols of this kind are ruled out (empty: every kind).
    only_kind: str = ""
    # The safety check asks about it only under this age in weeks (None: at every age).
    ask_until_weeks: int | None = None


P, A, S, D = Severity.POSTPONE, Severity.ASK_DOCTOR, Severity.SPECIALIST, Severity.DOCTOR_NOW
PROT, STAND = Scope.PROTOCOL, Kind.STANDING

_CONDITIONS: Final[tuple[Condition, ...]] = (
    Condition(
        "fever",
        "Fever now or in the last few days",
        P,
        "Wait until the fever has been gone for a few days.",
    ),
    Condition(
        "acute-illness",
        "An acute illness or a cold (ARVI)",
        P,
        "Wait until your child has recovered.",
    ),
    Condition(
        "skin-rash",
        "Rash, spots, blisters, burns, grazes or prickly heat on the skin",
        P,
        "Wait until the skin has healed.",
    ),
    Condition("vaccination-today", "A vaccination today", P, "Skip massage on vaccination day."),
    Condition("teething", "Your child is teething", P, "Wait until the tooth is through."),
    Condition("diarrhea", "Diarrhoea", P, "Wait until it has passed."),
    Condition("vomiting", "Vomiting", P, "Wait until it has passed."),
    Condition(
        "stress",
        "A big change or stress (a move, starting nursery)",
        P,
        "Give your child a few settled days first.",
    ),
    Condition(
        "unwilling",
        "Your child is crying or does not want it",
        P,
        "Try again later; never force a massage.",
    ),
    Condition(
        "nervousness",
        "Your baby is unusually excitable and tense",
        P,
        "Wait for a calmer day; massage can tighten the muscles further now.",
    ),
    Condition(
        "diathesis",
        "Inflamed or allergic skin (diathesis)",
        P,
        "Leave the preventive massages until the skin has settled.",
        only_kind="preventive",
    ),
    Condition(
        "navel-not-healed",
        "The navel has not healed yet",
        P,
        "Wait until the navel has fully healed before massage at home.",
        ask_until_weeks=13,
    ),
    Condition(
        "premature",
        "Your baby was born early, and the doctor has not yet said when massage can start",
        A,
        "A baby born early starts a little later. Ask the doctor when, and count the age from "
        "the due date.",
        ask_until_weeks=26,
    ),
    Condition(
        "after-pneumonia",
        "Pneumonia in the last few weeks",
        A,
        "Talk to your child's doctor before a drainage or general massage.",
    ),
    Condition("hydrocephalus", "Hydrocephalus", S, "Massage only by a specialist.", kind=STAND),
    Condition(
        "cns-disorder",
        "A serious disorder of the nervous system",
        S,
        "Massage only by a specialist.",
        kind=STAND,
    ),
    Condition("birth-injury", "A birth injury", S, "Massage only by a specialist.", kind=STAND),
    Condition(
        "fragile-bones",
        "Fractures, fragile bones or bone pain",
        S,
        "Massage only by a specialist.",
        kind=STAND,
    ),
    Condition(
        "epilepsy",
        "Epilepsy or a tendency to convulsions",
        S,
        "Massage only by a specialist.",
        kind=STAND,
    ),
    Condition(
        "heart-defect",
        "A congenital heart defect",
        S,
        "Ask the cardiologist; massage only by a specialist.",
        kind=STAND,
    ),
    Condition(
        "hernia",
        "A hernia a doctor has found, of any size (navel, groin or spine)",
        S,
        "Massage only by a doctor, or with a doctor watching.",
        kind=STAND,
    ),
    Condition(
        "congenital-disease",
        "Another condition your child was born with",
        S,
        "Massage only by a specialist.",
        kind=STAND,
    ),
    Condition(
        "circulatory-disease",
        "A disease of the blood or the circulation",
        S,
        "Massage only by a specialist.",
        kind=STAND,
    ),
    Condition("acute-arthritis", "Acute arthritis", S, "Massage only by a specialist.", kind=STAND),
    Condition("nephritis", "Acute nephritis", S, "Massage only by a specialist.", kind=STAND),
    Condition(
        "organ-prolapse",
        "Prolapse of abdominal organs",
        S,
        "Massage only by a specialist.",
        kind=STAND,
    ),
    # Rules that belong to one protocol only.
    Condition(
        "dry-cough",
        "A dry cough that brings nothing up",
        P,
        "Drainage massage is only for a wet cough.",
        scope=PROT,
    ),
    Condition(
        "bloated-tummy",
        "The tummy is badly bloated or looks uneven",
        D,
        "Do not massage. See a doctor urgently.",
        scope=PROT,
    ),
    Condition(
        "blood-in-stool",
        "Blood or thick mucus in the stool",
        D,
        "Do not massage. See a doctor urgently.",
        scope=PROT,
    ),
    Condition(
        "tummy-pain",
        "A light touch on the tummy hurts",
        D,
        "Do not massage. See a doctor urgently.",
        scope=PROT,
    ),
    Condition(
        "phlegmon",
        "Redness and swelling round the eye (phlegmon or abscess)",
        D,
        "Do not massage the eye. See a doctor today.",
        scope=PROT,
    ),
    Condition(
        "duct-anatomy",
        "A doctor found the tear duct blocked by its shape",
        S,
        "Massage will not help; follow the eye doctor's plan.",
        scope=PROT,
        kind=STAND,
    ),
    Condition(
        "acute-period",
        "The first, acute days of the illness",
        P,
        "Wait until the worst has passed.",
        scope=PROT,
    ),
    Condition(
        "headache-warning-signs",
        "The headache came with fever, vomiting, a stiff neck or unusual sleepiness, or after "
        "a knock to the head",
        D,
        "Do not massage. See a doctor now.",
        scope=PROT,
    ),
    Condition(
        "nausea",
        "Your child gags or feels sick",
        P,
        "Stop at once. Try again another day.",
        scope=PROT,
    ),
)

CONDITIONS: Final[dict[str, Condition]] = {c.id: c for c in _CONDITIONS}


def condition(condition_id: str) -> Condition:
    """Return the condition with this id, or raise KeyError naming it."""
    try:
        return CONDITIONS[condition_id]
    except KeyError:
        raise KeyError(f"unknown condition {condition_id!r}") from None
