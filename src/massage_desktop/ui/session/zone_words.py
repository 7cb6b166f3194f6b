"""A plain stand-in for the body diagram: the zones of the step in words, and what to avoid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from massage_desktop.bodymap import ZONES, Side
from massage_desktop.plan import PlannedStep


def zone_sentence(step: PlannedStep) -> str:
    """'Where: arm, hand, fingers (left side). Avoid: armpit.'"""
    where = ", ".join(ZONES[z].label for z in (*step.zones, *step.points) if z in ZONES)
    if step.side in (Side.LEFT, Side.RIGHT):
        where += f" ({step.side.value} side)"
    text = f"Where: {where}."
    avoid = ", ".join(ZONES[z].label for z in step.avoid if z in ZONES)
    return f"{text}\nAvoid: {avoid}." if avoid else text


class ZoneWords(QLabel):
    """Names the zones being worked; used where the drawn body diagram is not available.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setProperty("text-role", "next")
        self.setAccessibleName("Where to massage")
        self.setMinimumSize(200, 130)

    def show_step(self, step: PlannedStep, age_weeks: float | None = None) -> None:
        """Name the zones of `step`."""
        self.setText(zone_sentence(step))

    def clear(self) -> None:
        """Show nothing."""
        self.setText("")
