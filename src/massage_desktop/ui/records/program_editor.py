"""One program being made or changed: its title, child, length, course, note and steps, checked by
the same rules as a program file, with a preview of the plan it gives the child."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.ages import months_to_weeks
from massage_desktop.plan import NotToday, PlanRefused
from massage_desktop.program_plan import ProgramError, checked, plan_program
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_checks import fingerprint, longest_minutes
from massage_desktop.ui.records.program_steps import COMPACT_BOXES, ProgramSteps
from massage_desktop.ui.setup.age_input import ChildChoice, age_words
from massage_desktop.ui.setup.protocol_details import minutes_words
from massage_desktop.ui.widgets.styled import label

NO_CHILD = "No one in particular"
PREVIEW_MONTHS = 6


class ProgramEditor(QWidget):
    """The fields of one program and the plan it makes; holds no file logic.

    Signals:
        changed(): any field changed (the preview is up to date).
    """

    changed = Signal()

    def __init__(self, children: Sequence[ChildChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._children = list(children)
        self._protocol: Protocol | None = None
        self._base: dict[str, Any] = {}
        self._title = QLineEdit()
        self._title.setAccessibleName("Program title")
        self._child = QComboBox()
        self._child.setAccessibleName("For the child")
        self._child.addItem(NO_CHILD)
        for child in self._children:
            self._child.addItem(child.name)
        self._minutes = _spin(0, 90, "as the age allows", " min")
        self._sessions = _spin(1, 100)
        self._days = _spin(1, 7, suffix=" days a week")
        self._per_day = _spin(1, 10, suffix=" a day")
        self._about = QLineEdit()
        self._about.setPlaceholderText("A word for the parent about the whole program")
        self._steps = ProgramSteps()
        self._made_from = label("", "muted")
        self._preview = label("")
        self._preview.setAccessibleName("Plan preview")
        self._problems = label("")
        self._problems.setAccessibleName("Problems")
        self._problems.setStyleSheet("color: #B00020; font-weight: 600;")
        self._build()
        self.setStyleSheet(COMPACT_BOXES)
        for signal in (self._title.textChanged, self._about.textChanged, self._steps.changed):
            signal.connect(self._on_changed)
        for spin in (self._minutes, self._sessions, self._days, self._per_day):
            spin.valueChanged.connect(self._on_changed)
        self._child.currentIndexChanged.connect(self._on_changed)

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("Title", self._title)
        form.addRow("For", self._child)
        course = QHBoxLayout()
        for widget in (self._sessions, self._days, self._per_day):
            course.addWidget(widget)
        form.addRow("Length at most", self._minutes)
        form.addRow("Course: sessions", course)
        form.addRow("Note", self._about)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._made_from)
        layout.addLayout(form)
        layout.addWidget(self._steps, 1)
        layout.addWidget(self._preview)
        layout.addWidget(self._problems)

    # --- seen from outside ----------------------------------------------------------------

    @property
    def steps(self) -> ProgramSteps:
        """The steps table."""
        return self._steps

    @property
    def title_edit(self) -> QLineEdit:
        """The title field."""
        return self._title

    @property
    def child_box(self) -> QComboBox:
        """Whom the program is for."""
        return self._child

    @property
    def minutes(self) -> QSpinBox:
        """The session length at most (0: as the age allows)."""
        return self._minutes

    @property
    def preview_text(self) -> str:
        """What the plan preview says."""
        return self._preview.text()

    @property
    def problems_text(self) -> str:
        """Why the program cannot be saved as it is, or ''."""
        return self._problems.text()

    def edit(self, protocol: Protocol, base: dict[str, Any]) -> None:
        """Show the program `base` (a program's fields) of `protocol` for changing."""
        self._protocol, self._base = protocol, dict(base)
        blocked = [w.blockSignals(True) for w in self._widgets()]
        self._made_from.setText(f"Made from {protocol.title}, version {protocol.version}")
        self._title.setText(str(base.get("title", "")))
        self._child.setCurrentIndex(
            max(self._child.findText(str(base.get("child", "")) or NO_CHILD), 0)
        )
        self._minutes.setMaximum(int(longest_minutes(protocol)))
        self._minutes.setValue(int(base.get("minutes") or 0))
        course = base.get("course", {})
        self._sessions.setValue(int(course.get("sessions", 10)))
        self._per_day.setMaximum(protocol.frequency.per_day)
        self._per_day.setValue(int(course.get("per_day", 1)))
        self._days.setValue(int(course.get("days_per_week", 7)))
        self._about.setText(str(base.get("note", "")))
        program = _program_or_none(base)
        self._steps.show_program(protocol, program)
        for widget, was in zip(self._widgets(), blocked, strict=True):
            widget.blockSignals(was)
        self._on_changed()

    def program(self) -> Program | None:
        """The program as the fields say, or None (and the problems shown) when it breaks a rule."""
        if self._protocol is None:
            return None
        try:
            program = checked(self._data(), self._protocol)
        except ProgramError as exc:
            self._problems.setText("Not saved yet: " + "; ".join(exc.problems))
            return None
        self._problems.setText("")
        return program

    # --- reacting -------------------------------------------------------------------------

    def _on_changed(self) -> None:
        program = self.program()
        self._preview.setText(self._preview_words(program))
        for line in (self._preview, self._problems):
            line.setVisible(bool(line.text()))
        self.changed.emit()

    def _data(self) -> dict[str, Any]:
        child = self._child.currentText()
        return {
            **self._base,
            "title": self._title.text().strip(),
            "child": "" if child == NO_CHILD else child,
            "minutes": self._minutes.value() or None,
            "course": {
                "sessions": self._sessions.value(),
                "days_per_week": self._days.value(),
                "per_day": self._per_day.value(),
            },
            "note": self._about.text().strip(),
            "steps": self._with_fingerprints(self._steps.entries()),
        }

    def _with_fingerprints(self, entries: list[dict[str, object]]) -> list[dict[str, object]]:
        assert self._protocol is not None
        prints = {step.id: fingerprint(step) for step in self._protocol.steps}
        return [{**entry, "fingerprint": prints[str(entry["id"])]} for entry in entries]

    def _preview_words(self, program: Program | None) -> str:
        if program is None or self._protocol is None:
            return ""

        child = next((c for c in self._children if c.name == program.child), None)
        weeks = child.age_weeks if child else months_to_weeks(PREVIEW_MONTHS)
        who = (
            f"{child.name} ({age_words(weeks)})" if child else f"a child of {PREVIEW_MONTHS} months"
        )
        try:
            made = plan_program(
                self._protocol, program, weeks, None, child.conditions if child else ()
            )
        except PlanRefused as exc:
            return f"For {who}: not now. {exc.reason}"
        except NotToday as exc:
            return f"For {who}: {exc.screening.headline}"
        left = [lo.step for lo in made.left_out]
        out = f"; left out: {', '.join(left)}" if left else ""
        return (
            f"For {who}: {len(made.steps)} steps, {minutes_words(made.total_s)} at full "
            f"length{out}."
        )

    def _widgets(self) -> tuple[QWidget, ...]:
        return (
            self._title,
            self._child,
            self._minutes,
            self._sessions,
            self._days,
            self._per_day,
            self._about,
            self._steps,
        )


def _spin(low: int, high: int, special: str = "", suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    if special:
        spin.setSpecialValueText(special)
    spin.setSuffix(suffix)
    return spin


def _program_or_none(base: dict[str, Any]) -> Program | None:
    try:
        return Program.model_validate(base)
    except ValueError:
        return None
