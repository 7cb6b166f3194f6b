"""The steps of a program being made: each one ticked in or out, its count and pace within the
bounds shown beside them, and a note for the parent."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from massage_desktop.protocol.models import Protocol, Step
from massage_desktop.protocol.program import MAX_TEMPO, MIN_TEMPO, Program, ProgramStep
from massage_desktop.protocol.program_checks import count_bounds
from massage_desktop.protocol.program_words import step_labels

COLUMNS = ("In", "Step", "Count", "Pace", "Note for the parent")
AS_WRITTEN = "as written"
COMPACT_BOXES = (
    "QSpinBox, QDoubleSpinBox, QComboBox, QLineEdit { font-size: 11pt; min-height: 24px; "
    "padding: 0 4px; } QTableWidget, QHeaderView, QCheckBox { font-size: 11pt; }"
)


class ProgramSteps(QTableWidget):
    """One row per step of the protocol; the first and last (the stroking) always stay in.

    Signals:
        changed(): a tick, count, pace or note changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setAccessibleName("Steps of the program")
        # The window's large boxes are for a session seen from afar; a table of 20 steps is read
        # up close, at the desk.
        self.setStyleSheet(COMPACT_BOXES)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.ResizeToContents
            if COLUMNS[column] in ("Step", "Note for the parent"):
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        self._rows: list[tuple[Step, QCheckBox, QSpinBox | None, QDoubleSpinBox | None, QLineEdit]]
        self._rows = []

    def show_program(self, protocol: Protocol, program: Program | None) -> None:
        """The steps of `protocol`, set as `program` has them (as written when None)."""
        labels = step_labels(protocol)
        ends = {protocol.steps[0].id, protocol.steps[-1].id}
        self.setRowCount(0)
        self._rows = []
        for row, step in enumerate(protocol.steps):
            entry = (program.step(step.id) if program else None) or ProgramStep(id=step.id)
            self.insertRow(row)
            self._rows.append(self._fill(row, step, entry, labels[step.id], step.id in ends))
        self.resizeRowsToContents()

    def _fill(
        self, row: int, step: Step, entry: ProgramStep, title: str, end: bool
    ) -> tuple[Step, QCheckBox, QSpinBox | None, QDoubleSpinBox | None, QLineEdit]:
        tick = QCheckBox()
        tick.setChecked(entry.include or end)
        tick.setEnabled(not end)
        tick.setAccessibleName(f"Include {title}")
        if end:
            tick.setToolTip("Every session begins and ends with stroking: this step stays in.")
        tick.toggled.connect(self.changed)
        self.setCellWidget(row, 0, tick)
        item = QTableWidgetItem(f"{title}\n{_written(step)}")
        item.setToolTip(step.instruction)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.setItem(row, 1, item)
        count, pace = self._count(step, entry, title), self._pace(step, entry, title)
        for column, widget in ((2, count), (3, pace)):
            if widget is None:
                blank = QTableWidgetItem("timed")
                blank.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.setItem(row, column, blank)
            else:
                self.setCellWidget(row, column, widget)
        note = QLineEdit(entry.note)
        note.setAccessibleName(f"Note for {title}")
        note.setPlaceholderText("For the parent, printed on the handout")
        note.setMaxLength(600)
        note.textChanged.connect(self.changed)
        self.setCellWidget(row, 4, note)
        return step, tick, count, pace, note

    def _count(self, step: Step, entry: ProgramStep, title: str) -> QSpinBox | None:
        bounds = count_bounds(step)
        if bounds is None:
            return None
        spin = QSpinBox()
        spin.setRange(0, bounds[1])  # 0 shows "as written": scaled to the session's length
        spin.setSpecialValueText(AS_WRITTEN)
        spin.setValue(entry.count or 0)
        spin.setAccessibleName(f"Count for {title}")
        spin.setToolTip(f"From 1 to {bounds[1]}, twice the written {step.repetitions}")
        spin.valueChanged.connect(self.changed)
        return spin

    def _pace(self, step: Step, entry: ProgramStep, title: str) -> QDoubleSpinBox | None:
        if step.repetitions is None:
            return None
        spin = QDoubleSpinBox()
        spin.setRange(MIN_TEMPO, MAX_TEMPO)
        spin.setSingleStep(0.1)
        spin.setDecimals(2)
        spin.setSuffix(" x")
        spin.setValue(entry.tempo)
        spin.setAccessibleName(f"Pace for {title}")
        spin.setToolTip("1 x as written; 2 x twice as fast; 0.5 x half as fast")
        spin.valueChanged.connect(self.changed)
        return spin

    def entries(self) -> list[dict[str, object]]:
        """Each step's choices, as a program file holds them."""
        out: list[dict[str, object]] = []
        for step, tick, count, pace, note in self._rows:
            out.append(
                {
                    "id": step.id,
                    "include": tick.isChecked(),
                    "count": (count.value() or None) if count is not None else None,
                    "tempo": round(pace.value(), 2) if pace is not None else 1.0,
                    "note": note.text().strip(),
                }
            )
        return out

    def tick(self, step_id: str) -> QCheckBox:
        """The in-or-out box of `step_id`."""
        return next(row[1] for row in self._rows if row[0].id == step_id)

    def count(self, step_id: str) -> QSpinBox | None:
        """The count of `step_id` (None for a timed step)."""
        return next(row[2] for row in self._rows if row[0].id == step_id)

    def pace(self, step_id: str) -> QDoubleSpinBox | None:
        """The pace of `step_id` (None for a timed step)."""
        return next(row[3] for row in self._rows if row[0].id == step_id)

    def note(self, step_id: str) -> QLineEdit:
        """The note of `step_id`."""
        return next(row[4] for row in self._rows if row[0].id == step_id)


def _written(step: Step) -> str:
    if step.repetitions is not None and step.tempo_s is not None:
        return f"{step.repetitions} x {step.tempo_s:g} s; count 1 to {2 * step.repetitions}"
    return f"{step.duration_s or 0:g} s, timed"
