"""What the safety check asks: the conditions to screen, grouped, and the preparation to tick.

Plain data and no Qt, so the lists are easy to test and to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from massage_desktop.conditions import Condition, Kind, Scope
from massage_desktop.protocol.models import Position, Protocol
from massage_desktop.safety import relevant_conditions

NEWBORN_WEEKS = 13  # the first three months: shorter waits around a feed
_OFF_TABLE = {Position.LAP, Position.SITTING, Position.UPRIGHT}


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


def condition_groups(protocol: Protocol) -> ConditionGroups:
    """Today's general contraindications, lasting conditions, and this protocol's own rules."""
    relevant = relevant_conditions(protocol)
    general = [c for c in relevant if c.scope is Scope.GENERAL]
    return ConditionGroups(
        today=tuple(c for c in general if c.kind is Kind.TODAY),
        standing=tuple(c for c in general if c.kind is Kind.STANDING),
        stop_rules=tuple(c for c in relevant if c.scope is Scope.PROTOCOL),
    )


def preparation_items(protocol: Protocol, age_weeks: float) -> tuple[PrepItem, ...]:
    """The preparation list for `protocol` at this age; every item must be ticked."""
    positions = {step.position for step in protocol.steps}
    on_table = not positions or not positions <= _OFF_TABLE
    items = [
        PrepItem("room-warm", "The room is warm: 18 to 22 °C."),
        PrepItem("room-humid", "The air is not dry: humidity 50 to 70 %."),
        _surface(positions, on_table),
        PrepItem("within-reach", "Everything you need is within reach."),
        PrepItem("hands", "Your hands are washed and warm."),
        PrepItem("nails-rings", "Your nails are short; rings and bracelets are off."),
        _meal(age_weeks),
        PrepItem("rested", "Your child has slept and is in a good mood."),
    ]
    if on_table:
        items.insert(4, PrepItem("never-turn-away", "You will never turn away from your baby."))
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
        text = "It is an hour after a meal, or an hour before one."
    return PrepItem("meal", text)


def _uses_oil(protocol: Protocol) -> bool:
    words = " ".join(protocol.supplies).lower()
    return "oil" in words or "cream" in words
