"""The start view: who the massage is for, which protocols fit that age, and what each needs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.ui.setup.age_input import AgeInput, ChildChoice, ChildPicker
from massage_desktop.ui.setup.protocol_details import Fit, details_html, fit, summary_line
from massage_desktop.ui.widgets.styled import button, label
from massage_desktop.ui.widgets.wrapping_list import make_wrapping

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole

# Course advice for a child and a protocol (frequency warnings), from the history store.
Advice = Callable[[ChildChoice, Protocol], Sequence[str]]
SessionNumber = Callable[[ChildChoice, Protocol], int | None]
# Where a saved child's course of a protocol stands ("Session 4 of 10 · done today at 18:40").
Position = Callable[[ChildChoice, Protocol], str]


@dataclass(frozen=True, slots=True)
class Choice:
    """What the start view hands on: the protocol (and the child's program of it, if one was
    chosen), the age, and the saved child if any."""

    protocol: Protocol
    age_weeks: float
    child: ChildChoice | None = None
    session_number: int | None = None
    program: Program | None = None


class StartView(QWidget):
    """Pick the child (or enter an age) and a protocol that fits; then go to the safety check.

    Signals:
        continue_requested(object): a Choice, when the big continue button is pressed.
        children_requested(): 'Manage children…' was pressed.
        choice_changed(): what `current_choice` gives may have changed.
    """

    continue_requested = Signal(object)
    children_requested = Signal()
    choice_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startView")
        self._protocols: dict[str, Protocol] = {}
        self._programs: list[tuple[Program, Protocol]] = []
        self._fits: dict[str, Fit] = {}
        self._advice: Advice | None = None
        self._session_number: SessionNumber | None = None
        self._position: Position | None = None
        self._children = ChildPicker()
        self._age = AgeInput()
        self._last = label("", "muted")
        self._list = QListWidget()
        self._list.setAccessibleName("Massages")
        make_wrapping(self._list)
        self._details = QLabel()
        self._details.setWordWrap(True)
        self._details.setTextFormat(Qt.TextFormat.RichText)
        self._details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._details.setAccessibleName("About this massage")
        self._details.setProperty("text-role", "details")
        self._continue = button("Continue to the safety check", primary=True)
        self._manage = button("Manage children…")
        self._build()
        self._manage.clicked.connect(self.children_requested)
        self._children.child_chosen.connect(self._on_child_chosen)
        self._age.age_changed.connect(self._on_age_changed)
        self._list.currentItemChanged.connect(self._on_current_changed)
        self._list.itemActivated.connect(self._on_item_activated)
        self._continue.clicked.connect(self._on_continue_clicked)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        top = QHBoxLayout()
        top.addWidget(label("Choose a massage", "heading"), 1)
        top.addWidget(self._children)
        top.addSpacing(12)
        top.addWidget(self._age)
        layout.addLayout(top)
        layout.addWidget(self._last)
        middle = QHBoxLayout()
        middle.setSpacing(24)
        middle.addWidget(self._list, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._details)
        scroll.setProperty("role", "panel")
        middle.addWidget(scroll, 3)
        layout.addLayout(middle, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self._manage)
        bottom.addStretch(1)
        bottom.addWidget(self._continue)
        layout.addLayout(bottom)
        self._last.hide()

    # --- what is chosen -------------------------------------------------------------------

    @property
    def age_input(self) -> AgeInput:
        """The age field."""
        return self._age

    @property
    def continue_button(self) -> QPushButton:
        """The big continue button."""
        return self._continue

    @property
    def manage_button(self) -> QPushButton:
        """'Manage children…'."""
        return self._manage

    @property
    def protocol_list(self) -> QListWidget:
        """The list of protocols."""
        return self._list

    @property
    def chosen(self) -> Fit | None:
        """The protocol (or program) selected and how it fits, if any."""
        item = self._list.currentItem()
        return self._fits.get(str(item.data(ID_ROLE))) if item is not None else None

    @property
    def details_text(self) -> str:
        """The details pane as plain text."""
        doc = QTextDocument()
        doc.setHtml(self._details.text())
        return doc.toPlainText()

    @property
    def last_massage_text(self) -> str:
        """The 'Last massage: ...' line, or '' when hidden."""
        return self._last.text() if not self._last.isHidden() else ""

    def current_choice(self) -> Choice | None:
        """What continuing would hand on now: a massage that fits, for this child or age."""
        f = self.chosen
        if f is None or not f.fits:
            return None
        number = f.plan.session_number if f.plan is not None else None
        return Choice(f.protocol, self._age.age_weeks, self._children.child, number, f.program)

    def fit_of(self, protocol_id: str) -> Fit:
        """How `protocol_id` fits the present age."""
        return self._fits[protocol_id]

    # --- feeding it -----------------------------------------------------------------------

    def set_protocols(self, protocols: Sequence[Protocol]) -> None:
        """The protocol library to choose from."""
        self._protocols = {p.id: p for p in protocols}
        self._refresh()

    def set_programs(self, programs: Sequence[tuple[Program, Protocol]]) -> None:
        """Children's programs, each with its protocol: a saved child's come first."""
        self._programs = list(programs)
        self._refresh()

    def choose_program(self, program_id: str) -> bool:
        """Select the program `program_id` (its child first, if saved); False if not offered."""
        found = next((p for p, _ in self._programs if p.id == program_id), None)
        if found is not None and found.child:
            self._children.choose_named(found.child)
        return self.choose(f"program:{program_id}")

    def set_children(self, children: Sequence[ChildChoice], chosen: int | None = None) -> None:
        """The saved children to pick from (none: only the age is asked)."""
        self._children.set_children(children, chosen)

    def set_course(
        self, advice: Advice, session_number: SessionNumber, position: Position | None = None
    ) -> None:
        """Where the course advice, session numbers and course positions of a child come from."""
        self._advice, self._session_number, self._position = advice, session_number, position
        self._refresh()

    def choose(self, protocol_id: str) -> bool:
        """Select `protocol_id` and put the focus on continue; False if it is not offered."""
        if not self._select(protocol_id):
            return False
        self._continue.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # --- reacting -------------------------------------------------------------------------

    def _on_child_chosen(self, child: object) -> None:
        if isinstance(child, ChildChoice):
            self._age.set_age_weeks(child.age_weeks)
            self._last.setText(child.last_massage or "No massage recorded yet.")
            self._last.show()
        else:
            self._last.hide()
        self._age.setEnabled(not isinstance(child, ChildChoice))
        self._refresh()

    def _on_age_changed(self, _weeks: float) -> None:
        self._refresh()

    def _on_current_changed(self, *_items: object) -> None:
        self._show_details()

    def _on_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_continue_clicked()

    def _on_continue_clicked(self) -> None:
        choice = self.current_choice()
        if choice is not None:
            self.continue_requested.emit(choice)

    def _refresh(self) -> None:
        """Re-plan every protocol for the age now entered and rebuild the list."""
        keep = self.chosen.key if self.chosen else None
        child, weeks = self._children.child, self._age.age_weeks
        self._fits = {}
        for prog, p in self._programs_of(child):
            number = self._session_number(child, p) if child and self._session_number else None
            found = fit(p, weeks, number, prog)
            self._fits[found.key] = found
        for p in self._protocols.values():
            number = self._session_number(child, p) if child and self._session_number else None
            self._fits[p.id] = fit(p, weeks, number)
        ordered = sorted(
            self._fits.values(), key=lambda f: (f.program is None, not f.fits, f.title)
        )
        blocked = self._list.blockSignals(True)
        self._list.clear()
        for f in ordered:
            self._list.addItem(self._item(f))
        self._list.blockSignals(blocked)
        programs = [f.key for f in ordered if f.program is not None and f.fits]
        if programs and keep not in programs:
            keep = programs[0]  # a child's own program is what they are offered first
        if not (keep and self._select(keep)):
            self._select_first()
        self._show_details()

    def _programs_of(self, child: ChildChoice | None) -> list[tuple[Program, Protocol]]:
        """A saved child's programs; with no child chosen, the programs made for no one."""
        wanted = child.name.casefold() if child else ""
        return [(prog, p) for prog, p in self._programs if prog.child.casefold() == wanted]

    def _item(self, f: Fit) -> QListWidgetItem:
        lines = [f.title, summary_line(f)]
        child = self._children.child
        if child is not None and self._position is not None and f.fits:
            lines.append(self._position(child, f.protocol))
        lines = [line for line in lines if line]
        item = QListWidgetItem("\n".join(lines))
        item.setData(ID_ROLE, f.key)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, ". ".join(lines))
        if f.program is not None and f.fits:
            font = QFont(self._list.font())
            font.setBold(True)
            item.setFont(font)
        if not f.fits:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(self._list.font())
            font.setItalic(True)
            item.setFont(font)
        return item

    def _select(self, protocol_id: str) -> bool:
        for row in range(self._list.count()):
            item = self._list.item(row)
            if item.data(ID_ROLE) == protocol_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self._list.setCurrentItem(item)
                return True
        return False

    def _select_first(self) -> None:
        first = self._list.item(0)
        if first is not None and first.flags() & Qt.ItemFlag.ItemIsEnabled:
            self._list.setCurrentItem(first)

    def _show_details(self) -> None:
        f = self.chosen
        self._continue.setEnabled(f is not None and f.fits)
        self.choice_changed.emit()
        if f is None:
            self._details.setText("No massage fits this age." if self._protocols else "")
            return
        child = self._children.child
        warnings = self._advice(child, f.protocol) if child and self._advice else ()
        self._details.setText(details_html(f, warnings))
