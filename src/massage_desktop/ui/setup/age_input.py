"""The child's age as a number and a unit (weeks or months), and a saved child to pick."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from massage_desktop.ages import WEEKS_PER_MONTH
from massage_desktop.doctor_ok import NEVER_ASKED, DoctorOk

WEEKS, MONTHS = "weeks", "months"


@dataclass(frozen=True, slots=True)
class ChildChoice:
    """A saved child as the start view offers it."""

    id: int
    name: str
    age_weeks: float
    conditions: tuple[str, ...] = ()
    last_massage: str | None = None
    doctor: DoctorOk = NEVER_ASKED

    @property
    def label(self) -> str:
        """The name with the age, as the list shows it."""
        return f"{self.name} ({age_words(self.age_weeks)})"


def age_words(weeks: float) -> str:
    """An age in the unit a parent would use: weeks under 3 months, months to 2 years, years."""
    if weeks < 13:
        n = math.floor(weeks)  # never older than the child is: 12.9 weeks is "12 weeks"
        return f"{n} week{'s' if n != 1 else ''}"
    n = int(weeks / WEEKS_PER_MONTH)
    if n >= 24 and n % 12 == 0:
        return f"{n // 12} years"
    return f"{n} month{'s' if n != 1 else ''}"


class AgeInput(QWidget):
    """A spin box and a weeks/months switch.

    Signals:
        age_changed(float): the age in weeks.
    """

    age_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = QSpinBox()
        self._value.setRange(0, 60)
        self._value.setAccessibleName("Child's age")
        self._unit = QComboBox()
        self._unit.addItems([MONTHS, WEEKS])
        self._unit.setAccessibleName("Age in weeks or months")
        caption = QLabel("Age")
        caption.setBuddy(self._value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self._value)
        layout.addWidget(self._unit)
        self._value.setValue(6)
        # A saved child's exact (corrected) age: the field shows it rounded down, but the plan
        # and every age limit use it exactly, so 12.9 weeks never passes a 13-week limit.
        self._exact: float | None = None
        self._value.valueChanged.connect(self._on_value_changed)
        self._unit.currentTextChanged.connect(self._on_unit_changed)

    @property
    def age_weeks(self) -> float:
        """The age entered, in weeks; a saved child's exact age until the field is edited."""
        if self._exact is not None:
            return self._exact
        if self._unit.currentText() == WEEKS:
            return float(self._value.value())
        return round(self._value.value() * WEEKS_PER_MONTH, 1)

    @property
    def unit(self) -> str:
        """'weeks' or 'months'."""
        return self._unit.currentText()

    @property
    def value(self) -> int:
        """The number in the spin box."""
        return self._value.value()

    def set_age(self, value: float, unit: str) -> None:
        """Show `value` `unit` ('weeks' or 'months'), rounded to a whole number."""
        self._exact = None
        self._show(round(value), unit)
        self.age_changed.emit(self.age_weeks)

    def set_age_weeks(self, weeks: float) -> None:
        """Take a saved child's exact age; show it rounded down, in the unit a parent would use."""
        if weeks < 13:
            self._show(math.floor(weeks), WEEKS)
        else:
            self._show(math.floor(weeks / WEEKS_PER_MONTH), MONTHS)
        self._exact = weeks
        self.age_changed.emit(self.age_weeks)

    def _show(self, value: int, unit: str) -> None:
        blocked = self._unit.blockSignals(True)
        self._unit.setCurrentText(unit)
        self._unit.blockSignals(blocked)
        blocked = self._value.blockSignals(True)
        self._value.setValue(value)
        self._value.blockSignals(blocked)

    def _on_value_changed(self, _value: int) -> None:
        self._exact = None  # typed by hand: the field says the age now
        self.age_changed.emit(self.age_weeks)

    def _on_unit_changed(self, _unit: str) -> None:
        self._exact = None
        self.age_changed.emit(self.age_weeks)


class ChildPicker(QComboBox):
    """The saved children, then 'Someone else'.

    Signals:
        child_chosen(object): the ChildChoice picked, or None for someone else.
    """

    child_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Child")
        self._children: list[ChildChoice] = []
        self.currentIndexChanged.connect(self._on_index_changed)
        self.set_children([])

    @property
    def child(self) -> ChildChoice | None:
        """The child picked, or None."""
        k = self.currentIndex()
        return self._children[k] if 0 <= k < len(self._children) else None

    def set_children(self, children: Sequence[ChildChoice], chosen: int | None = None) -> None:
        """Offer `children`; pick the one with id `chosen` if given."""
        blocked = self.blockSignals(True)
        self.clear()
        self._children = list(children)
        for child in self._children:
            self.addItem(child.label)
        self.addItem("Someone else")
        ids = [c.id for c in self._children]
        self.setCurrentIndex(ids.index(chosen) if chosen in ids else len(ids))
        self.blockSignals(blocked)
        self.setVisible(bool(self._children))
        self.child_chosen.emit(self.child)

    def choose_named(self, name: str) -> bool:
        """Pick the saved child called `name` (ignoring case); False if there is none."""
        names = [c.name.casefold() for c in self._children]
        if name.casefold() not in names:
            return False
        self.setCurrentIndex(names.index(name.casefold()))
        return True

    def _on_index_changed(self, _index: int) -> None:
        self.child_chosen.emit(self.child)
