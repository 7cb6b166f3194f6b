"""The reminders: which massage, for which child, at what times and on which days; add, remove."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.protocol.models import Protocol
from massage_desktop.reminders.model import (
    DAY_NAMES,
    Reminder,
    ReminderError,
    days_words,
    parse_days,
    parse_times,
    times_words,
)
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Child
from massage_desktop.store.reminders import ReminderStore
from massage_desktop.ui.widgets.styled import button, label
from massage_desktop.ui.widgets.wrapping_list import make_wrapping

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole
DAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOW = (
    "Reminders come while the program runs in the background (started with --tray). "
    "To start it at every login, tick Records, Start with the desktop."
)


class RemindersDialog(QDialog):
    """Lists the reminders; adds one from the form below the list, or removes the chosen one.

    Signals:
        reminders_changed(): a reminder was added or removed.
    """

    reminders_changed = Signal()

    def __init__(
        self,
        store: ReminderStore,
        children: Sequence[Child],
        protocols: Sequence[Protocol],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reminders")
        self.setAccessibleName("Reminders")
        self.resize(980, 500)
        self._store = store
        self._names = {c.id: c.name for c in children}
        self._titles = {p.id: p.title for p in protocols}
        self._list = QListWidget()
        self._list.setAccessibleName("Reminders")
        make_wrapping(self._list)
        self._empty = label("No reminders yet.", "muted")
        self._child = QComboBox()
        self._child.setAccessibleName("Child")
        for child in children:
            if not child.archived:
                self._child.addItem(child.name, child.id)
        self._protocol = QComboBox()
        self._protocol.setAccessibleName("Massage")
        self._protocol.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._protocol.setMinimumContentsLength(16)
        for protocol in sorted(protocols, key=lambda p: p.title):
            self._protocol.addItem(protocol.title, protocol.id)
        self._times = QLineEdit("19:00")
        self._times.setAccessibleName("Times")
        self._times.setPlaceholderText("19:00, or several: 09:00, 13:00, 18:00")
        self._days = [QCheckBox(text) for text in DAY_LABELS]
        for box, word in zip(self._days, DAY_WORDS, strict=True):
            box.setChecked(True)
            box.setAccessibleName(word)
            box.setToolTip(word)
        self._status = label("", "muted")
        self._status.setAccessibleName("Status")
        self._status.hide()
        self._add = button("Add the reminder")
        self._remove = button("Remove", "Remove the chosen reminder")
        self._close = button("Close")
        self._build()
        self._add.clicked.connect(self._on_add_clicked)
        self._remove.clicked.connect(self._on_remove_clicked)
        self._close.clicked.connect(self.accept)
        self._list.currentItemChanged.connect(self._on_current_changed)
        self._refresh()
        if not self._child.count():
            self._add.setEnabled(False)
            self._say("Add a child first (Records, Children); reminders are per child.")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(label(HOW, "muted"))
        middle = QHBoxLayout()
        middle.setSpacing(24)
        listed = QVBoxLayout()
        listed.addWidget(self._list, 1)
        listed.addWidget(self._empty)
        middle.addLayout(listed, 1)
        middle.addLayout(self._form(), 1)
        layout.addLayout(middle, 1)
        layout.addWidget(self._status)
        row = QHBoxLayout()
        row.addWidget(self._remove)
        row.addStretch(1)
        row.addWidget(self._add)
        row.addWidget(self._close)
        layout.addLayout(row)

    def _form(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(label("A new reminder", "subheading"))
        form = QFormLayout()
        form.addRow("Child", self._child)
        form.addRow("Massage", self._protocol)
        form.addRow("At", self._times)
        days = QHBoxLayout()
        days.setSpacing(6)
        for box in self._days:
            days.addWidget(box)
        days.addStretch(1)
        form.addRow("On", days)
        column.addLayout(form)
        column.addStretch(1)
        return column

    # --- seen from outside ----------------------------------------------------------------

    @property
    def reminder_list(self) -> QListWidget:
        """The list of reminders."""
        return self._list

    @property
    def status_text(self) -> str:
        """What the last change did, or why it failed."""
        return self._status.text()

    def button(self, name: str) -> QPushButton:
        """One of the buttons: add, remove, close."""
        return {"add": self._add, "remove": self._remove}.get(name, self._close)

    def fill(self, child_id: int, protocol_id: str, times: str, days: Sequence[int]) -> None:
        """Fill the form for a new reminder (days: 0 = Monday)."""
        self._child.setCurrentIndex(self._child.findData(child_id))
        self._protocol.setCurrentIndex(self._protocol.findData(protocol_id))
        self._times.setText(times)
        for n, box in enumerate(self._days):
            box.setChecked(n in days)

    # --- reacting -------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        try:
            times = parse_times([self._times.text()])
            picked = ",".join(DAY_NAMES[n] for n, box in enumerate(self._days) if box.isChecked())
            days = parse_days(picked)
        except ReminderError as exc:
            self._say(f"Not added: {exc}.")
            return
        child_id, protocol_id = self._child.currentData(), self._protocol.currentData()
        try:
            added = self._store.add(int(child_id), str(protocol_id), times, days)
        except StoreError as exc:
            self._say(f"Not added: {exc}")
            return
        log.info("reminder %d added", added.id)
        self._changed(added.id)
        self._say(f"Added: {self._line(added)}.")

    def _on_remove_clicked(self) -> None:
        item = self._list.currentItem()
        if item is None:
            return
        rid = int(item.data(ID_ROLE))
        try:
            gone = self._store.remove(rid)
        except (KeyError, StoreError) as exc:
            self._say(f"Not removed: {exc}")
            self._refresh()
            return
        self._changed(None)
        self._say(f"Removed: {self._line(gone)}.")

    def _on_current_changed(self, *_items: object) -> None:
        self._remove.setEnabled(self._list.currentItem() is not None)

    # --- showing --------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self._status.setText(text)
        self._status.setVisible(bool(text))

    def _changed(self, chosen: int | None) -> None:
        self._refresh(chosen)
        self.reminders_changed.emit()

    def _line(self, r: Reminder) -> str:
        child = self._names.get(r.child_id, "a removed child")
        title = self._titles.get(r.protocol_id, r.protocol_id)
        return f"{title} for {child} at {times_words(r.times)}, {days_words(r.days)}"

    def _refresh(self, chosen: int | None = None) -> None:
        loaded = self._store.load()
        if loaded.message:
            self._say(loaded.message)
        self._list.clear()
        for r in loaded.reminders:
            item = QListWidgetItem(self._line(r))
            item.setData(ID_ROLE, r.id)
            self._list.addItem(item)
            if r.id == chosen:
                self._list.setCurrentItem(item)
        self._empty.setVisible(self._list.count() == 0)
        if chosen is None and self._list.count():
            self._list.setCurrentRow(0)
        self._on_current_changed()


def open_reminders_dialog(
    store: ReminderStore,
    children: Sequence[Child],
    protocols: Sequence[Protocol],
    parent: QWidget,
) -> RemindersDialog:
    """Show the reminders over `parent`; the dialog deletes itself on close."""
    dialog = RemindersDialog(store, children, protocols, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
