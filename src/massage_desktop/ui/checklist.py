"""What the safety check asks: the core's checklist, named here for the safety check widget."""

from __future__ import annotations

from massage_desktop.checklist import (
    DOCTOR_ITEM,
    Checklist,
    ConditionGroups,
    Item,
    PrepItem,
    Section,
    checklist,
    condition_groups,
    preparation_items,
)

__all__ = [
    "DOCTOR_ITEM",
    "Checklist",
    "ConditionGroups",
    "Item",
    "PrepItem",
    "Section",
    "checklist",
    "condition_groups",
    "preparation_items",
]
