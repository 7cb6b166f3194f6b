"""What the safety check asks before a session: conditions, the doctor's word, preparation.

One function builds it, plain data and no Qt: the window's safety check shows it and
`massage-desktop checklist` prints it, so both ask the same questions in the same words and order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from massage_desktop.conditions import Condition, Kind, Scope
from massage_desktop.doctor_ok import DoctorOk, category_words
from massage_desktop.protocol.models import Position, Protocol
from massage_desktop.safety import relevant_conditions

NEWBORN_WEEKS = 13  # the first three months: shorter waits around a feed
_OFF_TABLE = {Position.LAP, Position.SITTING, Position.UPRIGHT, Position.STANDING}
DOCTOR_ITEM = "doctor-ok"
LEFT, RIGHT = 0, 1


@dataclass(frozen=True, slots=True)
class PrepItem:
    """One thing to have done before starting, ticked by the caregiver."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ConditionGroups:
    """The conditions a safety check asks about, in the three groups it shows."""

    today: tuple[Condition, ...]
    standing: tuple[Condition, ...]
    stop_rules: tuple[Condition, ...]

    @property
    def all(self) -> tuple[Condition, ...]:
        """Every condition asked about."""
        return (*self.today, *self.standing, *self.stop_rules)


@dataclass(frozen=True, slots=True)
class Item:
    """One tick box of the check: its id (a condition or preparation id), words and state."""

    id: str
    text: str
    ticked: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A group of tick boxes under a heading, in the left or the right column."""

    id: str
    heading: str
    hint: str
    items: tuple[Item, ...]
    column: int = LEFT
    conditions: bool = True  # ticking one screens it; otherwise every item must be ticked


@dataclass(frozen=True, slots=True)
class Checklist:
    """The whole safety check of one protocol for one age (and a saved child's answers)."""

    title: str
    protocol_id: str
    age_weeks: float
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError if this check has none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


def condition_groups(protocol: Protocol, age_weeks: float | None = None) -> ConditionGroups:
    """Today's general contraindications, lasting conditions, and this protocol's own rules."""
    relevant = relevant_conditions(protocol, age_weeks)
    general = [c for c in relevant if c.scope is Scope.GENERAL]
    return ConditionGroups(
        today=tuple(c for c in general if c.kind is Kind.TODAY),
        standing=tuple(c for c in general if c.kind is Kind.STANDING),
        stop_rules=tuple(c for c in relevant if c.scope is Scope.PROTOCOL),
    )


def checklist(
    protocol: Protocol,
    age_weeks: float,
    standing: Iterable[str] = (),
    doctor: DoctorOk | None = None,
) -> Checklist:
    """The safety check for `protocol` at this age; a saved child's lasting conditions come
    ticked and their kept doctor's answer too, while it still holds."""
    known = set(standing)
    groups = condition_groups(protocol, age_weeks)
    sections = [_conditions("today", "Is any of this true today?", groups.today)]
    if groups.stop_rules:
        sections.append(_conditions("protocol", "For this massage", groups.stop_rules))
    sections.append(
        Section(
            "standing",
            "Lasting conditions",
            "Any of these means massage by a specialist only.",
            tuple(Item(c.id, c.label, c.id in known) for c in groups.standing),
        )
    )
    sections.append(_doctor(protocol, known, doctor or DoctorOk()))
    prep = tuple(Item(p.id, p.text) for p in preparation_items(protocol, age_weeks))
    sections.append(
        Section("preparation", "Before you start", "Tick each one.", prep, RIGHT, False)
    )
    return Checklist(f"Safety check: {protocol.title}", protocol.id, age_weeks, tuple(sections))


def _conditions(section_id: str, heading: str, conds: tuple[Condition, ...]) -> Section:
    return Section(
        section_id, heading, "Tick what applies.", tuple(Item(c.id, c.label) for c in conds)
    )


def _doctor(protocol: Protocol, standing: set[str], doctor: DoctorOk) -> Section:
    why = doctor.why_ask(protocol.category, standing)
    kept = doctor.answer(protocol.category)
    hint = f"You told us on {_date(kept.on)}." if not why and kept is not None else why
    text = f"Your child's paediatrician does not object to {category_words(protocol.category)}."
    item = Item(DOCTOR_ITEM, text, ticked=not why)
    return Section("doctor", "Your child's doctor", hint, (item,), RIGHT, False)


def _date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def preparation_items(protocol: Protocol, age_weeks: float) -> tuple[PrepItem, ...]:
    """The preparation list for `protocol` at this age; every item must be ticked."""
    positions = {step.position for step in protocol.steps}
    on_table = not positions or not positions <= _OFF_TABLE
    items = [
        PrepItem("room-warm", "The room is warm: 18 to 22 °C."),
        PrepItem("room-humid", "The air is not dry: humidity 50 to 70 %."),
        PrepItem("room-aired", "The room has been aired, and the window is closed again."),
        _surface(positions, on_table),
        PrepItem("within-reach", "Everything you need is within reach."),
        PrepItem("hands", "Your hands are washed and warm."),
        PrepItem("nails-rings", "Your nails are short; rings and bracelets are off."),
        _meal(age_weeks),
        PrepItem("rested", "Your child is rested and happy."),
    ]
    if on_table:
        items.insert(5, PrepItem("never-turn-away", "You will never turn away from your baby."))
    if _uses_oil(protocol):
        items.append(PrepItem("oil", "Only a hypoallergenic baby oil or cream is at hand."))
    items += [PrepItem(f"protocol-{k}", text) for k, text in enumerate(protocol.preparation)]
    return tuple(items)


def _surface(positions: set[Position], on_table: bool) -> PrepItem:
    if on_table and Position.LAP not in positions:
        return PrepItem("surface", "A firm, flat surface with a towel, not a bed.")
    if on_table:
        return PrepItem("surface", "A firm, flat surface with a towel, and your lap free.")
    return PrepItem("surface", "A safe place as this massage needs: your lap or a bed's edge.")


def _meal(age_weeks: float) -> PrepItem:
    if age_weeks < NEWBORN_WEEKS:
        text = "It is 30 to 60 minutes before a feed, or 45 minutes after one."
    else:
        text = "The last meal was at least an hour ago, or the next is an hour away."
    return PrepItem("meal", text)


def _uses_oil(protocol: Protocol) -> bool:
    words = " ".join(protocol.supplies).lower()
    return "oil" in words or "cream" in words
