"""The form for one child: name, birth date, weeks born early and lasting conditions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.conditions import CONDITIONS
from massage_desktop.store.children import MAX_NAME, STANDING_CONDITIONS, Child
from massage_desktop.ui.widgets.styled import button, label
from massage_desktop.ui.widgets.tick_box import TickBox

log = logging.getLogger(__name__)

MAX_WEEKS_EARLY = 16
FIELD_HEIGHT = 44
MIN_WIDTH = 760
SIZE = (900, 900)
OLDEST_YEARS = 18
# Saves the child (id 0: a new one); returns None when saved, else the problem in plain words.
SaveChild = Callable[[Child], str | None]


def standing_conditions() -> tuple[tuple[str, str], ...]:
    """The lasting conditions a child can carry: (id, plain label), in the list's order."""
    return tuple((cid, c.label) for cid, c in CONDITIONS.items() if cid in STANDING_CONDITIONS)


class ChildForm(QDialog):
    """Add or edit one child; Save keeps the form open and says why when a detail is wrong.

    Signals: those of QDialog (accepted once the child is saved).
    """

    def __init__(
        self, child: Child | None, today: date, save: SaveChild, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = "Add a child" if child is None else f"Edit {child.name}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(MIN_WIDTH)
        self.resize(*SIZE)
        self._id = child.id if child is not None else 0
        self._save = save
        self._name = QLineEdit(child.name if child else "")
        self._name.setAccessibleName("Name or nickname")
        self._name.setMaxLength(MAX_NAME)
        self._born = _date_edit(child.born if child else today, today)
        self._early = QSpinBox()
        self._early.setRange(0, max(MAX_WEEKS_EARLY, child.weeks_early if child else 0))
        self._early.setValue(child.weeks_early if child else 0)
        self._early.setAccessibleName("Weeks born early")
        self._early.setSuffix(" weeks")
        self._checks = {cid: TickBox(text) for cid, text in standing_conditions()}
        for cid, box in self._checks.items():
            box.checked = child is not None and cid in child.conditions
        for field in (self._name, self._born, self._early):
            field.setMinimumHeight(FIELD_HEIGHT)
        self._problem = label("", "state")
        self._problem.setAccessibleName("Problem")
        self._problem.hide()
        self._build(title)

    def _build(self, title: str) -> None:
        form = QFormLayout()
        form.setSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name or nickname", self._name)
        form.addRow("&Birth date", self._born)
        form.addRow("Weeks born &early", self._early)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(label(title, "heading"))
        layout.addLayout(form)
        layout.addWidget(label("Lasting conditions (a massage only by a specialist)", "subheading"))
        layout.addWidget(label("Tick any a doctor has found. Most children have none.", "muted"))
        layout.addWidget(self._list(), 1)
        layout.addWidget(self._problem)
        layout.addLayout(self._buttons())
        self._name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _list(self) -> QScrollArea:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(6)
        for box in self._checks.values():
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _buttons(self) -> QHBoxLayout:
        cancel = button("Cancel")
        save = button("Save", "Save the child", primary=True)
        cancel.setAutoDefault(False)
        save.setDefault(True)
        cancel.clicked.connect(self.reject)
        save.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(save)
        return row

    # --- seen from outside ----------------------------------------------------------------

    @property
    def child(self) -> Child:
        """The child as the form now stands (id 0 for a new one)."""
        born = self._born.date()
        conditions = tuple(cid for cid, box in self._checks.items() if box.checked)
        return Child(
            self._id,
            self._name.text(),
            date(born.year(), born.month(), born.day()),
            self._early.value(),
            conditions,
        )

    @property
    def problem_text(self) -> str:
        """Why the last save failed, or ''."""
        return self._problem.text() if not self._problem.isHidden() else ""

    def set_name(self, name: str) -> None:
        """Type a name."""
        self._name.setText(name)

    def set_born(self, born: date) -> None:
        """Pick a birth date."""
        self._born.setDate(QDate(born.year, born.month, born.day))

    def set_weeks_early(self, weeks: int) -> None:
        """Set the weeks born early."""
        self._early.setValue(weeks)

    def condition_box(self, condition_id: str) -> TickBox:
        """The check box of one lasting condition."""
        return self._checks[condition_id]

    def accept(self) -> None:
        """Save the child; close only when it was saved."""
        problem = self._save(self.child)
        if problem:
            self._problem.setText(problem)
            self._problem.show()
            return
        super().accept()


def _date_edit(shown: date, today: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setMaximumDate(QDate(today.year, today.month, today.day))
    edit.setMinimumDate(QDate(today.year - OLDEST_YEARS, 1, 1))
    edit.setDate(QDate(shown.year, shown.month, shown.day))
    edit.setAccessibleName("Birth date")
    return edit
