"""The safety check before every session: contraindications, stop rules and preparation."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.checklist import DOCTOR_ITEM, Section, checklist
from massage_desktop.doctor_ok import DoctorOk
from massage_desktop.protocol.models import Protocol
from massage_desktop.safety import Screening, Verdict, screen
from massage_desktop.ui.widgets.rich_text import escape
from massage_desktop.ui.widgets.styled import button, label, repolish
from massage_desktop.ui.widgets.tick_box import TickBox

log = logging.getLogger(__name__)


class SafetyCheck(QWidget):
    """Asks about today, lasting conditions and preparation; only a GO with all ticked starts.

    The screening answer updates with every tick. Tab moves between the boxes, Space ticks,
    Enter starts once everything allows it.

    Signals:
        cleared(tuple): the check passed; the condition ids ticked (for the plan and the record).
        back_requested(): the user wants to choose another massage.
        doctor_confirmed(str): the check passed with the paediatrician's word newly given for
            this protocol's category (to keep with the child).
        screened(str): a tick changed the answer; the new verdict (a safety.Verdict value).
        read_aloud_requested(): the user wants the preparation list read by the voice.
    """

    cleared = Signal(tuple)
    back_requested = Signal()
    doctor_confirmed = Signal(str)
    screened = Signal(str)
    read_aloud_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyCheck")
        self._protocol: Protocol | None = None
        self._conditions: dict[str, TickBox] = {}
        self._prep: dict[str, TickBox] = {}
        self._shown: list[tuple[QLabel, QLabel, list[tuple[str, TickBox]]]] = []
        self._doctor_kept = False
        self._screening = Screening(Verdict.GO)
        self._busy = ""
        self._title = label("", "heading")
        self._verdict = label("")
        self._verdict.setTextFormat(Qt.TextFormat.RichText)
        self._verdict.setAccessibleName("Safety answer")
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._status = label("", "muted")  # wraps: the row also holds three buttons
        self._back = button("Back", "Back to choosing a massage")
        self._start = button("Start the massage", primary=True)
        self._read_aloud = button("Read the list aloud", "Read the preparation list aloud")
        self._read_aloud.setEnabled(False)
        self._items: dict[str, str] = {}
        self._build()
        self._back.clicked.connect(self.back_requested)
        self._read_aloud.clicked.connect(self.read_aloud_requested)
        self._start.clicked.connect(self._on_start_clicked)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self._verdict)
        layout.addWidget(self._scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addWidget(self._read_aloud)
        row.addWidget(self._status, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self._start)
        layout.addLayout(row)

    # --- what the check shows -------------------------------------------------------------

    @property
    def screening(self) -> Screening:
        """The screening of what is ticked now."""
        return self._screening

    @property
    def missing(self) -> int:
        """How many items that must be ticked (preparation, the doctor's word) are not."""
        return sum(not box.checked for box in self._prep.values())

    @property
    def shown_sections(self) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
        """What the check shows, read from its widgets: heading, hint, and each box's id, text
        and state, section by section in reading order."""
        return [
            (head.text(), hint.text(), [(iid, box.text, box.checked) for iid, box in boxes])
            for head, hint, boxes in self._shown
        ]

    @property
    def ready(self) -> bool:
        """Whether the session may start: a GO and every preparation item ticked."""
        return (
            self._protocol is not None
            and self._screening.verdict is Verdict.GO
            and self.missing == 0
        )

    @property
    def status_text(self) -> str:
        """The line beside the Start button."""
        return self._status.text()

    @property
    def verdict_text(self) -> str:
        """The screening answer as shown: the headline, then each reason."""
        return " ".join([self._screening.headline, *self._screening.reasons])

    @property
    def prep_ids(self) -> tuple[str, ...]:
        """Every preparation item."""
        return tuple(self._prep)

    @property
    def back_button(self) -> QPushButton:
        """The button back to the start view."""
        return self._back

    @property
    def start_button(self) -> QPushButton:
        """The button that starts the session."""
        return self._start

    def condition_box(self, condition_id: str) -> TickBox:
        """The box of one condition."""
        return self._conditions[condition_id]

    def prep_box(self, item_id: str) -> TickBox:
        """The box of one preparation item."""
        return self._prep[item_id]

    @property
    def read_aloud_button(self) -> QPushButton:
        """The button that has the voice read the preparation list."""
        return self._read_aloud

    def set_can_read_aloud(self, can: bool) -> None:
        """Offer the reading aloud (only when a voice can speak)."""
        self._read_aloud.setEnabled(can)

    def unticked_prep(self) -> list[tuple[str, str]]:
        """The preparation items not ticked yet, as (id, text), in their order."""
        return [(i, self._items[i]) for i, box in self._prep.items() if not box.checked]

    def tick_prep(self, item_id: str) -> None:
        """Tick one preparation item."""
        self._prep[item_id].checked = True

    def show_prep(self, item_id: str | None) -> None:
        """Bring one preparation item into view and mark it as the one read (None: no mark)."""
        for key, box in self._prep.items():
            box.setProperty("reading", key == item_id)
            repolish(box)
        if item_id is not None:
            self._scroll.ensureWidgetVisible(self._prep[item_id])

    def set_busy(self, text: str) -> None:
        """Say `text` beside a disabled Start (the session is being prepared); '' to end."""
        self._busy = text
        self._update()

    def set_protocol(
        self,
        protocol: Protocol,
        age_weeks: float,
        standing: Iterable[str] = (),
        doctor: DoctorOk | None = None,
    ) -> None:
        """Ask afresh for `protocol`: nothing ticked but the child's known lasting conditions
        and the doctor's word while it still holds."""
        self._protocol = protocol
        check = checklist(protocol, age_weeks, standing, doctor)
        self._title.setText(check.title)
        self._conditions, self._prep, self._shown, self._items = {}, {}, [], {}
        self._scroll.setWidget(self._content(check.sections))
        self._doctor_kept = DOCTOR_ITEM in self._prep and self._prep[DOCTOR_ITEM].checked
        self._order_tabs()
        self._update()

    def _order_tabs(self) -> None:
        """Down the questions, then the preparation, then Start, and Back last."""
        boxes = (*self._conditions.values(), *self._prep.values())
        chain: list[QWidget] = [*(box.box for box in boxes), self._start, self._back]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- building the lists ---------------------------------------------------------------

    def _content(self, sections: tuple[Section, ...]) -> QWidget:
        columns = (QVBoxLayout(), QVBoxLayout())
        for section in sections:
            self._section(columns[section.column], section)
        for column in columns:
            column.addStretch(1)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(40)
        grid.addLayout(columns[0], 0, 0)
        grid.addLayout(columns[1], 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return inner

    def _section(self, column: QVBoxLayout, section: Section) -> None:
        head, hint = label(section.heading, "subheading"), label(section.hint, "muted")
        column.addWidget(head)
        column.addWidget(hint)
        hint.setVisible(bool(section.hint))
        boxes: list[tuple[str, TickBox]] = []
        into = self._conditions if section.conditions else self._prep
        for item in section.items:
            into[item.id] = box = self._box(item.text, column, item.ticked)
            boxes.append((item.id, box))
            if not section.conditions:
                self._items[item.id] = item.text  # what the voice reads aloud
        self._shown.append((head, hint, boxes))
        column.addSpacing(16)

    def _box(self, text: str, column: QVBoxLayout, checked: bool) -> TickBox:
        box = TickBox(text)
        box.checked = checked
        box.toggled.connect(self._on_box_toggled)
        column.addWidget(box)
        return box

    # --- reacting -------------------------------------------------------------------------

    def _on_box_toggled(self, _checked: bool) -> None:
        before = self._screening.verdict
        self._update()
        if self._screening.verdict is not before:
            self.screened.emit(self._screening.verdict.value)

    def _update(self) -> None:
        if self._protocol is None:
            return
        present = [cid for cid, box in self._conditions.items() if box.checked]
        self._screening = screen(self._protocol, present)
        verdict = self._screening.verdict
        lines = [self._screening.headline, *self._screening.reasons]
        rest = "".join(f"<br>{escape(line)}" for line in lines[1:])
        self._verdict.setText(f"<b>{escape(lines[0])}</b>{rest}")
        self._verdict.setProperty("verdict", verdict.value)
        self._verdict.setAccessibleDescription(" ".join(lines))
        repolish(self._verdict)
        self._start.setEnabled(self.ready and not self._busy)
        self._status.setText(self._busy or self._status_text())

    def _status_text(self) -> str:
        if self._screening.verdict is not Verdict.GO:
            return "The massage cannot start today."
        doctor = self._prep.get(DOCTOR_ITEM)
        if doctor is not None and not doctor.checked:
            return "Ask your child's paediatrician first."
        left = self.missing
        if left:
            return f"Tick the {left} preparation item{'s' if left > 1 else ''} left."
        return "All set."

    def _on_start_clicked(self) -> None:
        if not self.ready or self._busy:
            return
        present = tuple(cid for cid, box in self._conditions.items() if box.checked)
        log.info("safety check passed for %s", self._protocol.id if self._protocol else "?")
        if self._protocol is not None and not self._doctor_kept:
            self.doctor_confirmed.emit(self._protocol.category)
        self.cleared.emit(present)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.ready:
            self._on_start_clicked()
            return
        super().keyPressEvent(event)
